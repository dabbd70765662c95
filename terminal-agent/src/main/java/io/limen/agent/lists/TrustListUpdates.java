package io.limen.agent.lists;

import io.limen.format.cose.KeyId;
import io.limen.format.cose.VerifyingKey;
import io.limen.format.credential.TrustStore;
import io.limen.format.credential.TrustedKey;
import io.limen.format.lists.ListDocument;
import io.limen.format.lists.ListDocuments;
import io.limen.format.lists.ListHeader;
import io.limen.format.lists.ListKind;
import io.limen.format.lists.ListProblem;
import io.limen.format.lists.ListResult;
import io.limen.format.lists.TrustEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies verified trust lists to the terminal's trust file ({@code credentials.trustFile}, the PEM the
 * terminal reads at start and on reload), keeping the signed list it came from beside it as
 * {@code TRUSTFILE.list}, whose version the next list must exceed (rollback).
 *
 * <p>The keys written are those valid at the trusted time; a rotation lists the new key (valid from
 * its date) while the old one is still listed, so both verify in between. A list with no key valid
 * now is refused: it would stop every entrance. Both files are written whole (temp then rename), the
 * PEM first: a crash between them leaves the new keys with the old version, and the same list is
 * accepted again.
 */
public final class TrustListUpdates {

    private static final Logger log = LoggerFactory.getLogger(TrustListUpdates.class);

    private final Path trustFile;
    private final Path document;
    private final Function<KeyId, List<VerifyingKey>> signers;

    public TrustListUpdates(Path trustFile, Function<KeyId, List<VerifyingKey>> signers) {
        this.trustFile = Objects.requireNonNull(trustFile, "trustFile must not be null");
        this.document = Path.of(trustFile + ".list");
        this.signers = Objects.requireNonNull(signers, "signers must not be null");
    }

    /** The version of the trust list the trust file came from; 0 when it came from elsewhere (a hand-made PEM). */
    public long heldVersion() {
        if (!Files.exists(document)) {
            return 0;
        }
        try {
            return switch (ListDocuments.read(Files.readAllBytes(document), signers)) {
                case ListResult.Accepted accepted -> accepted.document().header().version();
                case ListResult.Refused refused -> {
                    log.warn("Trust list {} kept beside the trust file no longer verifies ({}); taking version 0", document, refused);
                    yield 0;
                }
            };
        } catch (IOException e) {
            log.warn("Trust list {} cannot be read ({}); taking version 0", document, e.getMessage());
            return 0;
        }
    }

    /** Applies {@code list} (signed as {@code signed}) if its version is newer, judged at {@code trustedNow}. */
    public synchronized ListOutcome apply(ListDocument.Trust list, byte[] signed, Instant trustedNow) throws IOException {
        ListHeader h = list.header();
        if (!h.scope().equals(ListHeader.ANY_ISSUER)) {
            return refused(ListProblem.WRONG_SCOPE, "this terminal takes the fleet's trust list (scope \"*\"), but this one's scope is \""
                    + h.scope() + "\"");
        }
        if (h.issuedAt().isAfter(trustedNow.plus(RevocationUpdates.FUTURE_TOLERANCE))) {
            return refused(ListProblem.FROM_THE_FUTURE, "version " + h.version() + " was issued at " + h.issuedAt()
                    + ", more than " + RevocationUpdates.FUTURE_TOLERANCE.toMinutes() + " min after the trusted time " + trustedNow);
        }
        long held = heldVersion();
        if (h.version() <= held) {
            return refused(ListProblem.ROLLBACK, "version " + h.version() + " is not newer than the held version " + held);
        }
        List<TrustedKey> valid = list.keys().stream().filter(e -> e.validAt(trustedNow)).map(TrustListUpdates::trusted).toList();
        if (valid.isEmpty()) {
            return refused(ListProblem.MALFORMED, "version " + h.version() + " lists " + list.keys().size()
                    + " keys, none valid at " + trustedNow + ": applying it would refuse every credential");
        }
        TrustStore store;
        try {
            store = TrustStore.of(valid);
        } catch (IllegalArgumentException e) {
            return refused(ListProblem.MALFORMED, "version " + h.version() + ": " + e.getMessage());
        }
        writeWhole(trustFile, store.toPem().getBytes(StandardCharsets.UTF_8));
        writeWhole(document, signed);
        log.info("Trust list version {} applied: {} of {} keys valid now, written to {}", h.version(), valid.size(),
                list.keys().size(), trustFile);
        return new ListOutcome.Applied(ListKind.TRUST, h.version(), valid.size() + " of " + list.keys().size()
                + " keys valid now, written to " + trustFile);
    }

    /**
     * The keys of {@code list} valid at {@code now} as a trust store: a rotation's new key from its
     * {@code notBefore}, an old key until its {@code notAfter}. Empty when none is valid, or they cannot
     * form a store (a key listed both bound and unbound).
     */
    public static java.util.Optional<TrustStore> validAt(ListDocument.Trust list, Instant now) {
        List<TrustedKey> valid = list.keys().stream().filter(e -> e.validAt(now)).map(TrustListUpdates::trusted).toList();
        if (valid.isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(TrustStore.of(valid));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static TrustedKey trusted(TrustEntry entry) {
        TrustedKey key = TrustedKey.of(entry.key());
        return entry.issuer().map(key::boundTo).orElse(key);
    }

    private static void writeWhole(Path file, byte[] bytes) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(bytes));
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static ListOutcome.Refused refused(ListProblem problem, String detail) {
        log.warn("Trust list refused ({}): {}", problem.code(), detail);
        return new ListOutcome.Refused(problem, detail);
    }
}
