package io.limen.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.decode.QrDecoder;
import io.limen.agent.lists.ListImport;
import io.limen.agent.lists.ListOutcome;
import io.limen.agent.lists.RevocationUpdates;
import io.limen.agent.revocation.FilteredRevocations;
import io.limen.agent.revocation.RevocationIndex;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.camera.Frame;
import io.limen.agent.simulation.SyntheticFrameSource;
import io.limen.agent.simulation.SyntheticScene;
import io.limen.agent.time.SimulatedTime;
import io.limen.config.AgentConfig;
import io.limen.config.ListsConfig;
import io.limen.config.RevocationConfig;
import io.limen.config.TerminalConfig;
import io.limen.format.Reason;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.cose.SigningKey;
import io.limen.format.credential.Claims;
import io.limen.format.credential.CredentialId;
import io.limen.format.credential.CredentialIssuer;
import io.limen.format.credential.IssuerKey;
import io.limen.format.credential.TrustStore;
import io.limen.format.credential.TrustedKey;
import io.limen.format.lists.ListDocument;
import io.limen.format.lists.ListDocuments;
import io.limen.format.lists.ListHeader;
import io.limen.format.lists.ListKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A terminal that keeps its signed lists ({@code lists.signers}): its revocations answer from the filter
 * and the store, an import by another writer is picked up at the next look, and stale lists are handled
 * as the entrance chose.
 */
class TerminalListsTest {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @TempDir
    Path dir;
    Claims claims;
    Frame pass;
    AgentConfig config;
    SimulatedTime time = new SimulatedTime(NOW);
    HardwareSeams seams;
    SigningKey listKey = SigningKey.generate(CoseAlgorithm.EDDSA, new SecureRandom());
    Path db;
    Path drop;

    @BeforeEach
    void issue() throws Exception {
        IssuerKey key = IssuerKey.generate(CoseAlgorithm.EDDSA, new SecureRandom());
        claims = new Claims("https://issuer.example", "holder-1", NOW.minusSeconds(60), Optional.empty(), NOW.plus(Duration.ofDays(1)),
                CredentialId.fromHex("00112233445566778899aabbccddeeff"), Optional.empty(), List.of("lobby"), Optional.of("Ada"));
        pass = readableScene(new CredentialIssuer(key).issue(claims));
        Path trust = Files.writeString(dir.resolve("trust.pem"), key.publicKeyPem());
        Path signers = Files.writeString(dir.resolve("list-signers.pem"), TrustStore.of(List.of(TrustedKey.of(listKey.verifyingKey()))).toPem());
        db = dir.resolve("revocations.db");
        drop = Files.createDirectory(dir.resolve("drop"));
        config = AgentConfig.defaults(trust).withTerminal(new TerminalConfig("hq", "door-1", Optional.of("lobby")))
                .withRevocation(RevocationConfig.at(db))
                .withLists(new ListsConfig(Optional.of(signers), Optional.of(drop), Duration.ofHours(1), ListsConfig.Degraded.REFUSE,
                        ListsConfig.Degraded.ADMIT_WITH_WARNING));
        seams = HardwareSeams.simulated(new SyntheticFrameSource(List.of(pass)), time);
    }

    @AfterEach
    void shutDown() {
        seams.gpio().shutdown();
    }

    private static Frame readableScene(String text) {
        for (long seed = 1; ; seed++) {
            Frame frame = SyntheticScene.withCode(text, seed);
            if (new QrDecoder().decode(frame).isPresent()) {
                return frame;
            }
        }
    }

    /** What {@code limen agent lists import} does: another writer of the same store. */
    private ListOutcome importDocument(ListDocument.Revocations document) throws Exception {
        TrustStore signers = TrustStore.of(List.of(TrustedKey.of(listKey.verifyingKey())));
        try (RevocationIndex other = RevocationIndex.open(SqliteConnections.file(db), NOW)) {
            ListImport lists = new ListImport(signers::keysFor, Optional.of(new RevocationUpdates(other, applied -> { })), Optional.empty());
            return lists.importBytes(ListDocuments.sign(listKey, document), time.read().instant());
        }
    }

    private static ListDocument.Revocations revocations(long version, OptionalLong base, Instant issued,
                                                        List<io.limen.format.credential.RevocationKey> added,
                                                        List<io.limen.format.credential.RevocationKey> removed) {
        return new ListDocument.Revocations(new ListHeader(ListKind.REVOCATIONS, "*", version, base, issued, issued.plusSeconds(86_400),
                Optional.empty()), added, removed);
    }

    private Reason admit(Terminal terminal) {
        return terminal.agent().admit(pass).scan().reason();
    }

    @Test
    void withoutASignedList_theListsAreStale_andThisEntranceRefuses_untilAnImportArrives() throws Exception {
        try (Terminal terminal = Terminal.assemble(config, seams)) {
            assertInstanceOf(FilteredRevocations.class, terminal.lists().revocations());
            assertEquals(Instant.EPOCH, terminal.lists().revocationsAsOf(), "no signed revocation list yet");
            assertEquals(Reason.LISTS_STALE, admit(terminal));

            assertInstanceOf(ListOutcome.Applied.class, importDocument(revocations(1, OptionalLong.empty(), NOW,
                    List.of(claims.revocationKey()), List.of())));
            time.advance(Terminal.LIST_REFRESH);
            assertTrue(terminal.awaitListSync(Duration.ofSeconds(30)));
            assertEquals(1, terminal.lists().revocations().version());
            assertEquals(NOW, terminal.lists().revocationsAsOf());
            assertFalse(terminal.listsStale());
            assertEquals(Reason.REVOKED, admit(terminal));

            assertInstanceOf(ListOutcome.Applied.class, importDocument(revocations(2, OptionalLong.of(1), NOW.plusSeconds(5),
                    List.of(), List.of(claims.revocationKey()))));
            time.advance(Terminal.LIST_REFRESH);
            assertTrue(terminal.awaitListSync(Duration.ofSeconds(30)));
            assertEquals(2, terminal.lists().revocations().version());
            assertEquals(Reason.OK, admit(terminal));

            // Past lists.maxAgeMs (an hour here) without an update: stale again, and this entrance refuses.
            time.advance(Duration.ofMinutes(61));
            assertTrue(terminal.awaitListSync(Duration.ofSeconds(30)));
            assertTrue(terminal.listsStale());
            assertEquals(Reason.LISTS_STALE, admit(terminal));
        }
    }

    @Test
    void aRestart_readsTheStoreAndTheSignedTime_again() throws Exception {
        importDocument(revocations(3, OptionalLong.empty(), NOW.minusSeconds(3600), List.of(claims.revocationKey()), List.of()));
        try (Terminal terminal = Terminal.assemble(config, seams)) {
            assertEquals(3, terminal.lists().revocations().version());
            assertEquals(NOW.minusSeconds(3600), terminal.lists().revocationsAsOf());
            assertEquals(Reason.REVOKED, admit(terminal));
        }
    }

    @Test
    void aListDroppedIntoTheFolder_isApplied_andMovedAside_aForgedOneRefused() throws Exception {
        try (Terminal terminal = Terminal.assemble(config, seams)) {
            Files.write(drop.resolve("a-revocations-v1.cose"), ListDocuments.sign(listKey,
                    revocations(1, OptionalLong.empty(), NOW, List.of(claims.revocationKey()), List.of())));
            SigningKey stranger = SigningKey.generate(CoseAlgorithm.EDDSA, new SecureRandom());
            Files.write(drop.resolve("b-forged-v2.cose"), ListDocuments.sign(stranger,
                    revocations(2, OptionalLong.of(1), NOW, List.of(), List.of(claims.revocationKey()))));

            time.advance(Terminal.LIST_REFRESH);
            assertTrue(terminal.awaitListSync(Duration.ofSeconds(30)));

            assertEquals(1, terminal.lists().revocations().version());
            assertEquals(Reason.REVOKED, admit(terminal));
            assertTrue(Files.exists(drop.resolve("applied/a-revocations-v1.cose")));
            assertTrue(Files.exists(drop.resolve("refused/b-forged-v2.cose")));
            assertFalse(Files.exists(drop.resolve("a-revocations-v1.cose")));
        }
    }
}
