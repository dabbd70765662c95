package io.limen.agent.demo;

import com.upokecenter.cbor.CBORObject;
import io.limen.format.Reason;
import io.limen.agent.camera.Frame;
import io.limen.agent.cli.image.ImageFrames;
import io.limen.agent.simulation.SyntheticScene;
import io.limen.format.credential.Claims;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.credential.CredentialId;
import io.limen.format.credential.CredentialIssuer;
import io.limen.format.credential.HolderKey;
import io.limen.format.credential.IssuerKey;
import io.limen.format.credential.Presenter;
import io.limen.format.cose.SigningKey;
import io.limen.agent.decode.QrDecoder;
import io.limen.agent.revocation.RevocationStore;
import io.limen.agent.revocation.SqliteConnections;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything a demo terminal needs, made fresh in one folder: two trusted issuers (Ed25519 and P-256),
 * an untrusted one, a revocation store, and one camera frame per case, each case a class of code a
 * real entrance meets.
 *
 * <pre>
 *   DIR/.limen-demo              what this demo wrote, so that a rerun deletes exactly that ({@link DemoFolder})
 *   DIR/.limen-demo.lock         held while the demo runs: a second demo in the same folder is refused
 *   DIR/issuer-ed25519.key       issuer private keys (PKCS#8 PEM, owner-only)
 *   DIR/issuer-p256.key
 *   DIR/trust.pem                the public keys the terminal trusts, each bound to its issuer
 *   DIR/revocations.db           the SQLite revocation store
 *   DIR/limen.yaml               the terminal's config file, loaded as {@code agent run} loads one
 *   DIR/scanlog.db               the scan log, when the demo has a broker to send it to
 *   DIR/codes/NN-case.txt        each code's text
 *   DIR/frames/NN-case.png       what the camera saw
 * </pre>
 */
public final class DemoScenario implements AutoCloseable {

    /** The demo terminal guards the lobby. */
    public static final String ZONE = "lobby";
    static final String ISSUER = "https://passes.limen.example";
    static final String CONTRACTOR_ISSUER = "https://contractors.limen.example";
    private final DemoFolder folder;
    private final Path dir;
    private final Instant now;
    private final SecureRandom random = new SecureRandom();
    private final IssuerKey staffKey = IssuerKey.generate(CoseAlgorithm.EDDSA, random);
    private final IssuerKey contractorKey = IssuerKey.generate(CoseAlgorithm.ES256, random);
    private final IssuerKey untrustedKey = IssuerKey.generate(CoseAlgorithm.EDDSA, random);
    private final List<DemoCase> cases = new ArrayList<>();
    private final long seed;
    private final Optional<String> broker;
    /** When the case being added arrives at the terminal, in the demo's simulated time. */
    private Instant arrival;

    private DemoScenario(DemoFolder folder, Instant now, long seed, Optional<String> broker) {
        this.folder = folder;
        this.dir = folder.dir();
        this.now = now;
        this.seed = seed;
        this.broker = broker;
        this.arrival = now;
    }

    /**
     * Claims the demo's folder ({@link DemoFolder}: locked, cleared of what the last demo wrote there and
     * of nothing else) and makes everything in it; {@code seed} fixes the camera scenes. The folder stays
     * locked until {@link #close}.
     *
     * @throws IOException naming the folder, if it is not a directory, another demo holds it, or it holds
     *     files an earlier demo did not write
     */
    public static DemoScenario create(Path dir, Instant now, long seed) throws IOException {
        return create(dir, now, seed, Optional.empty());
    }

    /**
     * {@link #create(Path, Instant, long)} for a terminal with a scan log and an uplink to {@code broker}
     * ({@code tcp://host:port}) when one is given: batches of up to {@link #BATCH_RECORDS} scans or 1 s.
     */
    public static DemoScenario create(Path dir, Instant now, long seed, Optional<String> broker) throws IOException {
        DemoFolder folder = DemoFolder.claim(dir);
        try {
            DemoScenario scenario = new DemoScenario(folder, now, seed, broker);
            scenario.writeKeys();
            scenario.makeCases();
            scenario.writeConfig();
            return scenario;
        } catch (IOException | RuntimeException e) {
            folder.close();
            throw e;
        }
    }

    /** Releases the folder's lock: another demo may use it now. */
    @Override
    public void close() throws IOException {
        folder.close();
    }

    public Path dir() {
        return dir;
    }

    /** The demo terminal's config file: what {@code limen agent run --config} would take, with a simulated camera and gate. */
    public Path configFile() {
        return dir.resolve("limen.yaml");
    }

    /** Written as a technician would write it; the demo's terminal is loaded from it, as {@code run} loads one. */
    private void writeConfig() throws IOException {
        folder.writeString("limen.yaml", """
                # The demo terminal, written by `limen demo`: the file `limen agent run --config` takes,
                # with the demo's simulated camera and gate. Paths are relative to this file's folder.
                terminal: {site: demo, id: lobby-1, zone: %s}
                camera:
                  source: {kind: synthetic}
                board: {profile: tripod-turnstile}   # two rotation sensors: the demo's people turn its arm
                gate: {driver: simulated, passageTimeoutMs: 2000, alarmMs: 2000}   # both within one person's 3 s
                credentials: {trustFile: trust.pem}
                revocation: {database: revocations.db}
                paths: {state: ., logs: .}
                policy:
                  presentationWindowMs: 30000     # dynamic codes: 30 s either way, each granted once
                  schedule:
                    timeZone: UTC
                    open: ["mon-sun 00:00-24:00"]
                    holidays: [%s]
                """.formatted(ZONE, holiday()) + broker.map(uri -> """
                scanlog: {database: scanlog.db}
                uplink:
                  brokerUri: %s
                  heartbeatMs: 60000
                  batch: {maxRecords: %d, maxAgeMs: 1000}
                """.formatted(uri, BATCH_RECORDS)).orElse(""));
    }

    /** Scans in a full demo batch: a dozen people make a few batches, closed by count and by age. */
    static final int BATCH_RECORDS = 4;

    /** The scan log the config names, if it names one (a demo with a broker). */
    public Optional<Path> scanLogFile() {
        return broker.map(b -> dir.resolve("scanlog.db"));
    }

    /** Records the scan log in the demo's manifest once the terminal has closed it, so the next demo deletes it. */
    public void recordScanLog() throws IOException {
        if (scanLogFile().isPresent() && java.nio.file.Files.exists(scanLogFile().get())) {
            folder.record(scanLogFile().get());
        }
    }

    public Path trustFile() {
        return dir.resolve("trust.pem");
    }

    public Path revocationsFile() {
        return dir.resolve("revocations.db");
    }

    public List<DemoCase> cases() {
        return List.copyOf(cases);
    }

    private void makeCases() throws IOException {
        CredentialIssuer staff = new CredentialIssuer(staffKey);
        Claims ada = claims(ISSUER, "staff-0001", "Ada Lovelace", List.of(ZONE, "floor-3"), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        Claims revoked = claims(ISSUER, "staff-0417", "Grace Hopper", List.of(ZONE), now.minus(Duration.ofDays(3)), now.plus(Duration.ofDays(30)));

        add("nobody in front of the camera", Reason.NO_CODE, null, SyntheticScene.withoutCode(seed));
        add("staff pass, valid (Ed25519), walks in", Reason.OK, staff.issue(ada), null, DemoCase.Act.WALKS_IN);
        add("contractor pass, valid (ES256, any zone), turns away", Reason.OK, new CredentialIssuer(contractorKey).issue(
                claims(CONTRACTOR_ISSUER, "ctr-2231", "Linus T.", List.of(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(8)))),
                null, DemoCase.Act.TURNS_AWAY);
        add("staff pass, expired two days ago", Reason.EXPIRED, staff.issue(
                claims(ISSUER, "staff-0099", "Alan Turing", List.of(ZONE), now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(2)))), null);
        add("visitor pass, valid only from tomorrow", Reason.NOT_YET_VALID, staff.issue(
                withNotBefore(claims(ISSUER, "visitor-5120", "Edsger D.", List.of(ZONE), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(3))),
                        now.plus(Duration.ofDays(1)))), null);
        add("staff pass, revoked (lost phone)", Reason.REVOKED, staff.issue(revoked), null);
        add("parking-only pass at the lobby", Reason.WRONG_ZONE, staff.issue(
                claims(ISSUER, "staff-0233", "Barbara L.", List.of("parking"), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)))), null);
        add("forged: valid pass with its expiry edited", Reason.BAD_SIGNATURE, forgeExpiry(staff, ada, now.plus(Duration.ofDays(3650))), null);
        add("contractor key signing as the staff issuer", Reason.UNTRUSTED_ISSUER, new CredentialIssuer(contractorKey).issue(
                claims(ISSUER, "staff-0001", "Ada Lovelace", List.of(ZONE), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)))), null);
        add("pass from an issuer this site does not trust", Reason.UNKNOWN_KID, new CredentialIssuer(untrustedKey).issue(
                claims("https://elsewhere.example", "someone", "Mallory", List.of(ZONE), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)))), null);
        add("not a credential (a restaurant menu link)", Reason.BAD_PREFIX, "https://menu.example/table/12", null);
        add("staff pass, screen cracked over the code", Reason.NO_CODE, null, SyntheticScene.withDamagedCode(staff.issue(ada), seed + 1000));
        addDynamicCases(staff);
        add("someone climbs over the locked arm", Reason.NO_CODE, null, SyntheticScene.withoutCode(seed + 1), DemoCase.Act.FORCES_THE_ARM);
        add("a person inside presses the exit button and goes out", Reason.NO_CODE, null, SyntheticScene.withoutCode(seed + 2),
                DemoCase.Act.LEAVES_BY_THE_EXIT_BUTTON);
        // The lobby is closed on the next public holiday (the config's schedule): the same valid pass is refused.
        Instant holidayMorning = holiday().atTime(1, 0).toInstant(ZoneOffset.UTC);
        add("staff pass on a public holiday (lobby closed)", Reason.OUTSIDE_SCHEDULE, staff.issue(ada), null,
                Duration.between(arrival, holidayMorning));

        try (RevocationStore store = RevocationStore.open(SqliteConnections.file(folder.newFile("revocations.db")))) {
            store.replaceAll(1, List.of(revoked.revocationKey()));
        }
        folder.record(revocationsFile()); // closed: checkpointed, whole in the one file
    }

    /**
     * A staff member whose pass is bound to the key in her phone: her app's fresh code opens the door,
     * once; a screenshot of an older code and the same code shown again do not.
     */
    private void addDynamicCases(CredentialIssuer staff) throws IOException {
        SigningKey phone = SigningKey.generate(CoseAlgorithm.ES256, random);
        Claims katherine = claims(ISSUER, "staff-0007", "Katherine Johnson", List.of(ZONE), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)));
        Presenter app = new Presenter(staff.issue(new Claims(katherine.issuer(), katherine.subject(), katherine.issuedAt(),
                katherine.notBefore(), katherine.expiresAt(), katherine.id(), Optional.of(HolderKey.of(phone.verifyingKey())),
                katherine.zones(), katherine.displayName())), phone);
        Instant shownAt = arrival.plus(DemoRun.PER_PERSON);
        String fresh = app.present(shownAt, random);
        add("staff app, dynamic code signed just now (LQ1:), walks in", Reason.OK, fresh, null, DemoCase.Act.WALKS_IN);
        add("screenshot of the app's code from 2 minutes ago", Reason.PRESENTATION_EXPIRED,
                app.present(arrival.plus(DemoRun.PER_PERSON).minus(Duration.ofMinutes(2)), random), null);
        add("the app's code from before shown again (a replay)", Reason.REPLAYED, fresh, null);
    }

    /**
     * The lobby's one holiday: the day after the demo's, or the one after that when the demo starts in
     * its day's last minute, so that every other case (a minute at most) falls before it.
     */
    private LocalDate holiday() {
        return LocalDate.ofInstant(now.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(1)), ZoneOffset.UTC);
    }

    /** A case; the frame is the text drawn on a phone unless given. */
    private void add(String label, Reason expected, String text, Frame frame) throws IOException {
        add(label, expected, text, frame, DemoCase.Act.NONE);
    }

    /** A case after which the person does {@code act} at the turnstile. */
    private void add(String label, Reason expected, String text, Frame frame, DemoCase.Act act) throws IOException {
        add(label, expected, text, frame, cases.isEmpty() ? Duration.ZERO : DemoRun.PER_PERSON, act);
    }

    /** A case arriving {@code after} the previous one (the first arrives at the demo's start). */
    private void add(String label, Reason expected, String text, Frame frame, Duration after) throws IOException {
        add(label, expected, text, frame, after, DemoCase.Act.NONE);
    }

    private void add(String label, Reason expected, String text, Frame frame, Duration after, DemoCase.Act act) throws IOException {
        arrival = arrival.plus(after);
        int number = cases.size() + 1;
        Frame seen = frame != null ? frame : readableScene(text, seed + number);
        String name = String.format("%02d-%s", number, label.replaceAll("[^a-zA-Z0-9]+", "-").replaceAll("-+$", "").toLowerCase());
        if (text != null) {
            folder.writeString("codes/" + name + ".txt", text + "\n");
        }
        Path png = folder.newFile("frames/" + name + ".png");
        ImageFrames.writePng(seen, png);
        folder.record(png);
        cases.add(new DemoCase(label, expected, seen, after, act));
    }

    /**
     * A scene whose code the camera can read. The simulated camera, like a real one, now and then
     * takes a frame its decoder cannot read (about 2 in 100 scenes); a person then holds the phone a
     * little differently. The demo does the same, so its output shows decisions, not misses.
     */
    private Frame readableScene(String text, long firstSeed) {
        QrDecoder camera = new QrDecoder();
        for (long sceneSeed = firstSeed; sceneSeed < firstSeed + 20 * 1000; sceneSeed += 1000) {
            Frame frame = SyntheticScene.withCode(text, sceneSeed);
            if (camera.decode(frame).filter(text::equals).isPresent()) {
                return frame;
            }
        }
        throw new IllegalStateException("no readable scene in 20 tries for a code of " + text.length() + " characters");
    }

    private Claims claims(String issuer, String subject, String name, List<String> zones, Instant issuedAt, Instant expiresAt) {
        byte[] cti = new byte[16];
        random.nextBytes(cti);
        return new Claims(issuer, subject, issuedAt, Optional.empty(), expiresAt, new CredentialId(cti), Optional.empty(), zones, Optional.of(name));
    }

    private static Claims withNotBefore(Claims c, Instant notBefore) {
        return new Claims(c.issuer(), c.subject(), c.issuedAt(), Optional.of(notBefore), c.expiresAt(), c.id(), c.holderKey(), c.zones(), c.displayName());
    }

    /** What a forger can do: take a real pass, edit the claims, keep the issuer's signature. */
    private static String forgeExpiry(CredentialIssuer issuer, Claims genuine, Instant newExpiry) {
        CBORObject cose = CBORObject.DecodeFromBytes(issuer.sign(CredentialIssuer.encodeClaims(genuine))).UntagOne();
        Claims edited = new Claims(genuine.issuer(), genuine.subject(), genuine.issuedAt(), genuine.notBefore(), newExpiry,
                genuine.id(), genuine.holderKey(), genuine.zones(), genuine.displayName());
        cose.Set(2, CBORObject.FromObject(CredentialIssuer.encodeClaims(edited)));
        return CredentialIssuer.toText(cose.EncodeToBytes(), true);
    }

    private void writeKeys() throws IOException {
        var ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
        folder.writeString("issuer-ed25519.key", staffKey.toPem(), ownerOnly);
        folder.writeString("issuer-p256.key", contractorKey.toPem(), ownerOnly);
        // Each key bound to its issuer: the contractors' key cannot sign staff passes.
        folder.writeString("trust.pem", staffKey.publicKeyPem(ISSUER) + contractorKey.publicKeyPem(CONTRACTOR_ISSUER));
    }
}
