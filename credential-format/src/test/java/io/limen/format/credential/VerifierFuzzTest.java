package io.limen.format.credential;

import static io.limen.format.credential.Forge.EC;
import static io.limen.format.credential.Forge.ED;
import static io.limen.format.credential.Forge.NOW;
import static io.limen.format.credential.Forge.isCatchAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.numbers.EInteger;
import io.limen.format.Reason;
import io.limen.format.cose.CoseResult;
import io.limen.format.cose.CoseSign1;
import io.limen.format.cose.KeyId;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutation of valid credentials, at the text, COSE-byte and zlib-byte levels, and
 * random claims signed by the trusted key. Whatever comes in, the verifier answers: the original
 * claims with the signed bytes unchanged, or a refusal with a reason from a real check, never an
 * exception. Replay a failure with {@code -Dlimen.fuzz.seed=<seed from the message>}.
 */
class VerifierFuzzTest {

    private static final long SEED = Long.getLong("limen.fuzz.seed", 20261127L);
    /** Raise for a longer hunt: {@code -Dlimen.fuzz.mutants=200000}; the time budget grows with it. */
    private static final int MUTANTS = Integer.getInteger("limen.fuzz.mutants", 5_000);
    private static final int RANDOM_CLAIMS = MUTANTS * 2 / 5;
    /** About 0.4–0.8 s on a quiet machine: the bound catches unbounded cost, not a loaded shared CI box. */
    private static final Duration BUDGET = Duration.ofSeconds(15).multipliedBy(Math.max(1, MUTANTS / 5_000));
    private static final String BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    private static final Set<Reason> TIME_REASONS = Set.of(Reason.EXPIRED, Reason.NOT_YET_VALID);

    private record Original(String name, byte[] cose, Claims claims, KeyId keyId) {
    }

    @Test
    void mutatedCredentials_verifyUnchangedOrAreRefused_neverThrow() {
        List<Original> originals = List.of(original("EdDSA", ED), original("ES256", EC));
        CredentialVerifier verifier = Forge.verifier();
        Random random = new Random(SEED);
        Map<Reason, Integer> outcomes = new EnumMap<>(Reason.class);
        long start = System.nanoTime();

        for (int i = 0; i < MUTANTS; i++) {
            Original original = originals.get(random.nextInt(originals.size()));
            String mutant = switch (random.nextInt(4)) {
                case 0 -> mutateText(Forge.text(original.cose(), random.nextBoolean()), random);
                case 1 -> Forge.text(mutateBytes(original.cose(), random), false);
                case 2 -> Forge.text(mutateBytes(original.cose(), random), true);
                default -> Forge.text(mutateBytes(Forge.deflate(original.cose()), random), false);
            };
            int index = i;
            Supplier<String> where = () -> "seed " + SEED + ", mutant " + index + " of " + original.name() + ": " + mutant;

            Verification result = verifyOrFail(verifier, mutant, where);

            if (result instanceof Verification.Verified verified) {
                assertEquals(original.claims(), verified.credential().claims(), where);
                assertEquals(original.keyId(), verified.credential().keyId(), where);
                assertSignedBytesUnchanged(original, mutant, where);
            } else {
                Verification.Refused refused = (Verification.Refused) result;
                assertTrue(refused.reason() != null && refused.reason() != Reason.OK, where);
                assertTrue(!isCatchAll(result), () -> where.get() + " reached the catch-all: " + result);
            }
            outcomes.merge(Forge.reasonOf(result), 1, Integer::sum);
        }

        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("VerifierFuzzTest: %d mutants (seed %d) in %d ms: %s%n", MUTANTS, SEED, elapsed.toMillis(), outcomes);
        assertTrue(elapsed.compareTo(BUDGET) < 0, "seed " + SEED + ": " + MUTANTS + " mutants must take under " + BUDGET + ", but took " + elapsed);
        assertTrue(outcomes.getOrDefault(Reason.OK, 0) > 0, "some mutants (unprotected changes) should still verify: " + outcomes);
    }

    /**
     * Dynamic codes, mutated in their text, in their outer COSE bytes (the holder signature no longer
     * matches), and in the payload the holder signs (then re-signed by the holder, so that the mutation
     * reaches the array, t, the nonce and the credential inside). A mutant that verifies carries the
     * original credential's claims; one whose holder signature is the original's carries the original
     * presentation too.
     */
    @Test
    void mutatedDynamicCodes_verifyUnchangedOrAreRefused_neverThrow() {
        byte[] payload = Forge.presentationPayload(Forge.boundCredential(), NOW, Forge.NONCE).EncodeToBytes();
        byte[] outer = CoseSign1.sign(Forge.HOLDER, payload);
        String valid = CredentialVerifier.DYNAMIC_PREFIX + Base45.encode(outer);
        CredentialVerifier verifier = Forge.verifier();
        Credential expected = assertInstanceOf(Verification.Verified.class, verifier.verify(valid, NOW)).credential();
        Random random = new Random(SEED);
        Map<Reason, Integer> outcomes = new EnumMap<>(Reason.class);
        long start = System.nanoTime();

        for (int i = 0; i < MUTANTS; i++) {
            int kind = random.nextInt(3);
            String mutant = switch (kind) {
                case 0 -> mutateText(valid, random);
                case 1 -> CredentialVerifier.DYNAMIC_PREFIX + Base45.encode(mutateBytes(outer, random));
                default -> Forge.present(Forge.HOLDER, mutateBytes(payload, random));
            };
            int index = i;
            Supplier<String> where = () -> "seed " + SEED + ", dynamic mutant " + index + " (kind " + kind + "): " + mutant;

            Verification result = verifyOrFail(verifier, mutant, where);

            if (result instanceof Verification.Verified verified) {
                assertEquals(expected.claims(), verified.credential().claims(), where);
                assertEquals(expected.keyId(), verified.credential().keyId(), where);
                if (kind != 2) {
                    assertEquals(expected.presentation(), verified.credential().presentation(), where);
                }
            } else {
                assertTrue(!isCatchAll(result), () -> where.get() + " reached the catch-all: " + result);
            }
            outcomes.merge(Forge.reasonOf(result), 1, Integer::sum);
        }

        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("VerifierFuzzTest: %d dynamic mutants (seed %d) in %d ms: %s%n", MUTANTS, SEED, elapsed.toMillis(), outcomes);
        assertTrue(elapsed.compareTo(BUDGET) < 0, "seed " + SEED + ": took " + elapsed);
        assertTrue(outcomes.getOrDefault(Reason.BAD_HOLDER_SIGNATURE, 0) > 0 && outcomes.getOrDefault(Reason.BAD_PRESENTATION, 0) > 0,
                "fuzz should reach the holder signature and the payload checks: " + outcomes);
    }

    @Test
    void randomClaimsSignedByTheTrustedKey_areReadOrRefusedAsBadClaims_neverThrow() {
        CredentialVerifier verifier = Forge.verifier();
        Random random = new Random(SEED);
        Map<Reason, Integer> outcomes = new EnumMap<>(Reason.class);
        long start = System.nanoTime();

        for (int i = 0; i < RANDOM_CLAIMS; i++) {
            byte[] payload;
            do {
                payload = switch (random.nextInt(5)) {
                    case 0 -> randomBytes(random, random.nextInt(64));
                    case 1 -> randomMap(random, 3).EncodeToBytes();
                    default -> breakSomeClaims(random).EncodeToBytes();
                };
            } while (!fitsACode(payload)); // too_large is the text layer's answer, tested elsewhere
            int index = i;
            byte[] claimsBytes = payload;
            String text = Forge.issue(ED, payload);
            Supplier<String> where = () -> "seed " + SEED + ", claims " + index + ": " + describe(claimsBytes);

            boolean readable = readsAsClaims(payload, where);
            Verification result = verifyOrFail(verifier, text, where);

            Reason reason = Forge.reasonOf(result);
            if (readable) {
                // Well-formed claims: verified, or refused only for their times (random dates).
                assertTrue(reason == Reason.OK || TIME_REASONS.contains(reason), () -> where.get() + " -> " + result);
            } else {
                assertEquals(Reason.BAD_CLAIMS, reason, () -> where.get() + " -> " + result);
            }
            assertTrue(!isCatchAll(result), () -> where.get() + " reached the catch-all: " + result);
            outcomes.merge(reason, 1, Integer::sum);
        }

        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("VerifierFuzzTest: %d random claims (seed %d) in %d ms: %s%n", RANDOM_CLAIMS, SEED, elapsed.toMillis(), outcomes);
        assertTrue(elapsed.compareTo(BUDGET) < 0, "seed " + SEED + ": took " + elapsed);
        assertTrue(outcomes.getOrDefault(Reason.BAD_CLAIMS, 0) > 0 && outcomes.size() > 1, "fuzz should reach both outcomes: " + outcomes);
    }

    private static Original original(String name, IssuerKey key) {
        byte[] cose = Forge.signedBytes(key, Forge.claimsMap().EncodeToBytes());
        return new Original(name, cose, Forge.claims(), key.keyId());
    }

    /**
     * An accepted mutant may differ from its original only where nothing is signed (COSE tag,
     * compression, unprotected header): what the signature covers, and the signature itself, are
     * byte-identical to the valid credential's.
     */
    private static void assertSignedBytesUnchanged(Original original, String mutant, Supplier<String> where) {
        CoseSign1 accepted = decoded(CredentialVerifier.payloadBytes(mutant, CredentialVerifier.STATIC_PREFIX.length()));
        CoseSign1 valid = decoded(original.cose());
        assertArrayEquals(valid.protectedBytes(), accepted.protectedBytes(), where);
        assertArrayEquals(valid.payload(), accepted.payload(), where);
        assertArrayEquals(valid.signature(), accepted.signature(), where);
    }

    private static CoseSign1 decoded(byte[] bytes) {
        return assertInstanceOf(CoseResult.Accepted.class, CoseSign1.decode(bytes)).value() instanceof CoseSign1 cose ? cose
                : fail("decoded to something else");
    }

    private static Verification verifyOrFail(CredentialVerifier verifier, String text, Supplier<String> where) {
        try {
            return verifier.verify(text, NOW);
        } catch (Throwable escaped) {
            return fail(where.get() + " threw " + escaped, escaped);
        }
    }

    /** Whether the claims reader accepts {@code payload}; it may only ever refuse as bad_claims. */
    private static boolean readsAsClaims(byte[] payload, Supplier<String> where) {
        try {
            ClaimsReader.read(payload);
            return true;
        } catch (CredentialRefusal refusal) {
            assertEquals(Reason.BAD_CLAIMS, refusal.reason(), where);
            return false;
        } catch (Throwable escaped) {
            return fail(where.get() + ": ClaimsReader threw " + escaped, escaped);
        }
    }

    // --- mutators ---

    /** One to three edits of the QR text: change, insert or delete a character. */
    private static String mutateText(String text, Random random) {
        StringBuilder out = new StringBuilder(text);
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            int at = random.nextInt(out.length() + 1);
            switch (random.nextInt(3)) {
                case 0 -> {
                    if (at < out.length()) {
                        out.setCharAt(at, randomChar(random));
                    }
                }
                case 1 -> out.insert(at, randomChar(random));
                default -> {
                    if (at < out.length()) {
                        out.deleteCharAt(at);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Mostly Base45, sometimes anything from the first pages of Unicode. */
    private static char randomChar(Random random) {
        return random.nextInt(10) < 8 ? BASE45.charAt(random.nextInt(BASE45.length())) : (char) random.nextInt(0x300);
    }

    /** One to three edits of the bytes: bit flip, byte change, truncation, range duplicated or dropped, bytes inserted. */
    private static byte[] mutateBytes(byte[] original, Random random) {
        byte[] bytes = original.clone();
        for (int edits = 1 + random.nextInt(3); edits > 0 && bytes.length > 0; edits--) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(6)) {
                case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> bytes[at] = (byte) random.nextInt(256);
                case 2 -> bytes = Arrays.copyOf(bytes, at);
                case 3 -> {
                    int length = 1 + random.nextInt(Math.min(64, bytes.length - at));
                    bytes = splice(bytes, random.nextInt(bytes.length + 1), Arrays.copyOfRange(bytes, at, at + length), 0);
                }
                case 4 -> bytes = splice(bytes, at, new byte[0], 1 + random.nextInt(Math.min(16, bytes.length - at)));
                default -> bytes = splice(bytes, at, randomBytes(random, 1 + random.nextInt(8)), 0);
            }
        }
        return bytes;
    }

    /** {@code bytes} with {@code removed} bytes at {@code at} replaced by {@code inserted}. */
    private static byte[] splice(byte[] bytes, int at, byte[] inserted, int removed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + inserted.length);
        out.write(bytes, 0, at);
        out.writeBytes(inserted);
        out.write(bytes, at + removed, bytes.length - at - removed);
        return out.toByteArray();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    // --- random claims ---

    private static final int[] CLAIM_LABELS = {ClaimsReader.ISS, ClaimsReader.SUB, ClaimsReader.EXP, ClaimsReader.NBF, ClaimsReader.IAT,
            ClaimsReader.CTI, ClaimsReader.CNF, ClaimsReader.ACCESS, 3, 99};

    /** The valid claims with one to three of them (or of the access map's) replaced by random items or removed. */
    private static CBORObject breakSomeClaims(Random random) {
        CBORObject claims = Forge.claimsMap();
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            CBORObject target = random.nextInt(4) == 0 ? Forge.accessOf(claims) : claims;
            if (target == null || target.getType() != com.upokecenter.cbor.CBORType.Map) {
                target = claims;
            }
            int label = target == claims ? CLAIM_LABELS[random.nextInt(CLAIM_LABELS.length)] : 1 + random.nextInt(3);
            if (random.nextInt(5) == 0) {
                target.Remove(CBORObject.FromObject(label));
            } else {
                target.Set(label, randomItem(random, 2));
            }
        }
        return claims;
    }

    private static CBORObject randomMap(Random random, int depth) {
        CBORObject map = CBORObject.NewMap();
        for (int n = random.nextInt(10); n > 0; n--) {
            CBORObject key = random.nextInt(4) == 0 ? randomItem(random, 0) : CBORObject.FromObject(CLAIM_LABELS[random.nextInt(CLAIM_LABELS.length)]);
            map.Set(key, randomItem(random, depth - 1));
        }
        return map;
    }

    private static CBORObject randomItem(Random random, int depth) {
        int kinds = depth > 0 ? 15 : 12;
        return switch (random.nextInt(kinds)) {
            case 0 -> CBORObject.FromObject(random.nextInt(100));
            case 1 -> CBORObject.FromObject(NOW.getEpochSecond() + random.nextInt(200_000) - 100_000);
            case 2 -> CBORObject.FromObject(random.nextLong());
            case 3 -> CBORObject.FromObject(EInteger.FromInt64(random.nextLong()).ShiftLeft(64 + random.nextInt(64)));
            case 4 -> CBORObject.FromObject(List.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1.5e9, 1.8e9, 1e300, -1.0)
                    .get(random.nextInt(7)));
            case 5 -> CBORObject.FromObject(randomText(random));
            case 6 -> CBORObject.FromObject(randomBytes(random, random.nextInt(40)));
            case 7 -> List.of(CBORObject.True, CBORObject.False, CBORObject.Null, CBORObject.Undefined).get(random.nextInt(4));
            case 8 -> CBORObject.FromSimpleValue(32 + random.nextInt(200));
            case 9 -> CBORObject.FromObject(randomBytes(random, 32));
            case 10 -> CBORObject.FromObject("");
            case 11 -> CBORObject.FromObject(new byte[0]);
            case 12 -> randomArray(random, depth);
            case 13 -> randomMap(random, depth);
            default -> randomItem(random, depth - 1).WithTag(List.of(1, 32, 61, 1_000, 55_799).get(random.nextInt(5)));
        };
    }

    private static CBORObject randomArray(Random random, int depth) {
        CBORObject array = CBORObject.NewArray();
        for (int n = random.nextInt(random.nextInt(10) == 0 ? 70 : 5); n > 0; n--) {
            array.Add(random.nextBoolean() ? CBORObject.FromObject("zone-" + n) : randomItem(random, depth - 1));
        }
        return array;
    }

    private static String randomText(Random random) {
        int length = random.nextInt(10) == 0 ? 200 + random.nextInt(100) : random.nextInt(20);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : 0xA0 + random.nextInt(0x2000)));
        }
        return text.toString();
    }

    private static boolean fitsACode(byte[] payload) {
        byte[] cose = Forge.signedBytes(ED, payload);
        return cose.length <= CredentialVerifier.MAX_PAYLOAD_BYTES
                && Forge.text(cose, true).length() <= CredentialVerifier.MAX_TEXT_LENGTH;
    }

    /** CBOR diagnostic notation, cut short: enough to see the case, the seed replays the rest. */
    private static String describe(byte[] payload) {
        String text;
        try {
            text = CBORObject.DecodeFromBytes(payload).toString();
        } catch (RuntimeException notCbor) {
            text = "(not CBOR) " + java.util.HexFormat.of().formatHex(payload);
        }
        return text.length() > 1_000 ? text.substring(0, 1_000) + "..." : text;
    }
}
