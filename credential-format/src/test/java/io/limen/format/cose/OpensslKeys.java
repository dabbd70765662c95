package io.limen.format.cose;

/**
 * Keys as OpenSSL 3.0 wrote them, made for these tests only (never used elsewhere): what a technician
 * brings from other tools.
 */
public final class OpensslKeys {

    /** The public key of {@link #PKCS8_P256}: {@code openssl ec -in sec1.pem -pubout}. */
    public static final String PUBLIC_UNCOMPRESSED = """
            -----BEGIN PUBLIC KEY-----
            MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE9cV/OvNqhPmiMTWB6yrOow7qyTY7
            o49NCTHrn0X2uA1vgTLxLRBudtxM1xdxOQ6/B7OEx7Pl3hJEzvip474ypA==
            -----END PUBLIC KEY-----
            """;

    /** The same public key, compressed point: {@code openssl ec -pubin -in pub.pem -pubout -conv_form compressed}. */
    public static final String PUBLIC_COMPRESSED = """
            -----BEGIN PUBLIC KEY-----
            MDkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDIgAC9cV/OvNqhPmiMTWB6yrOow7qyTY7
            o49NCTHrn0X2uA0=
            -----END PUBLIC KEY-----
            """;

    /** A P-256 key: {@code openssl ecparam -name prime256v1 -genkey -noout -out sec1.pem; openssl pkcs8 -topk8 -nocrypt -in sec1.pem}. */
    public static final String PKCS8_P256 = """
            -----BEGIN PRIVATE KEY-----
            MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg00hUyuJzF4dPZGNd
            eQVl270acFWlw9u8VWpsFV0YMbOhRANCAAT1xX8682qE+aIxNYHrKs6jDurJNjuj
            j00JMeufRfa4DW+BMvEtEG523EzXF3E5Dr8Hs4THs+XeEkTO+KnjvjKk
            -----END PRIVATE KEY-----
            """;

    /** The same key as openssl ecparam wrote it: SEC1 {@code EC PRIVATE KEY}. */
    public static final String SEC1_P256 = """
            -----BEGIN EC PRIVATE KEY-----
            MHcCAQEEINNIVMricxeHT2RjXXkFZdu9GnBVpcPbvFVqbBVdGDGzoAoGCCqGSM49
            AwEHoUQDQgAE9cV/OvNqhPmiMTWB6yrOow7qyTY7o49NCTHrn0X2uA1vgTLxLRBu
            dtxM1xdxOQ6/B7OEx7Pl3hJEzvip474ypA==
            -----END EC PRIVATE KEY-----
            """;

    /** The same key encrypted: {@code openssl pkcs8 -topk8 -in p8.pem -passout pass:secret}. */
    public static final String ENCRYPTED_P256 = """
            -----BEGIN ENCRYPTED PRIVATE KEY-----
            MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAgIlUOnPjYvMAICCAAw
            DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEO7rK4PZpsA7cp71C4urHS0EgZCD
            uUVSScTZVKc8rXayAVPSuViYSturgvq5VLvwCvAio++wA2I2n4Xx9kUxvvpzE5uL
            qhP3CAZFumsJx60xiOU7JCgRR8ggm69mLgNwpfoFlvPlbxuVbI6PPcrUOcRGPC1a
            W3tyzlCGMWHC4++JqTgMD1pC9bCzHVJrYCNRJShN/CZMUlzpDmUnFzSj5S6YYag=
            -----END ENCRYPTED PRIVATE KEY-----
            """;

    /** A P-384 key: {@code openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384}. */
    public static final String PKCS8_P384 = """
            -----BEGIN PRIVATE KEY-----
            MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDAbd6KlOKd9Rb2Lvygj
            F2V/xq8kUrI+KZllTjLu7H8cU0qOKUyzV0B41xcI7vQtPIChZANiAAQYplhdkJV5
            unDFtJxykI2sKNPVtMnEvIvDCKo9MJE/aLcooUWmnJweLsV20Xvc1HWrjNikUeHM
            D87fkK9qHqH6po4r0rLWvI913zg18O+GENbX52VoqdoVtp672h5Kz10=
            -----END PRIVATE KEY-----
            """;

    private OpensslKeys() {
    }
}
