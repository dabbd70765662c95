package io.limen.provisioning.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS socket factory that trusts exactly the CA certificates of one PEM file, not the JDK's defaults:
 * the fleet's broker is vouched for by the fleet's CA, not by any public one. (The agent has its own;
 * provisioning never depends on the agent.)
 */
final class CaTrust {

    private CaTrust() {
    }

    /**
     * @throws IOException if the file cannot be read (naming it), or holds no X.509 certificate in PEM or DER
     */
    static SSLSocketFactory socketFactory(Path caFile) throws IOException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(caFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (GeneralSecurityException e) {
            throw new IOException(caFile + ": not a CA certificate file (PEM): " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IOException(caFile + ": holds no certificate");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + n++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException(caFile + ": cannot be used as a trust store: " + e.getMessage(), e);
        }
    }
}
