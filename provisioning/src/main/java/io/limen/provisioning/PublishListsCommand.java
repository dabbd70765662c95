package io.limen.provisioning;

import io.limen.format.credential.IssuerKey;
import io.limen.format.credential.RevocationKey;
import io.limen.format.credential.TrustStore;
import io.limen.format.credential.TrustedKey;
import io.limen.format.lists.ListDocument;
import io.limen.format.lists.ListDocuments;
import io.limen.format.lists.ListHeader;
import io.limen.format.lists.ListKind;
import io.limen.format.lists.ListTopics;
import io.limen.format.lists.SnapshotId;
import io.limen.format.lists.TrustEntry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code publish-lists}: signs a version of the revocation list (a snapshot in chunks, and a delta from
 * an older version) and of the trust list, as files for terminals ({@code limen agent lists import}, a
 * drop folder) and/or as retained MQTT messages on a site's list topics ({@link ListTopics}). Format and
 * topics: docs/lists.md.
 */
@Command(name = "publish-lists",
        headerHeading = "%n",
        header = "Sign the revocation and trust lists for terminals.",
        description = {
            "Writes into --out, signed with the LIST-SIGNING key (never an issuer key):",
            "  revocations-vN-chunk-I-of-C.cose   the whole revocation list of --revoked, version N",
            "  revocations-vB-to-vN.cose          with --base-revoked and --base: the delta from version B",
            "  trust-vN.cose                      with --trust: the trust list (keys of that PEM)",
            "Terminals apply them with 'limen agent lists import --signers list-signers.pem FILE...'.",
            "With --broker and --site, publishes the same documents retained (QoS 1) on the site's topics:",
            "  limen/SITE/lists/revocations/snapshot/I, .../revocations/delta, limen/SITE/lists/trust",
            "where every terminal of the site with an uplink and lists.signers takes them.",
            ""},
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class PublishListsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--signer", required = true, paramLabel = "FILE", description = "The list-signing private key ('keys' makes one).")
    private Path signer;

    @Option(names = "--version", required = true, paramLabel = "N", description = "The version to publish, at least 1; versions only grow.")
    private long version;

    @Option(names = "--revoked", paramLabel = "FILE", description = "The revocation list: one key (32 hex digits) a line, '#' comments.")
    private Path revoked;

    @Option(names = "--base-revoked", paramLabel = "FILE", description = "The list as it was at --base, for a delta.")
    private Path baseRevoked;

    @Option(names = "--base", paramLabel = "B", description = "The version of --base-revoked.")
    private Long base;

    @Option(names = "--trust", paramLabel = "FILE", description = "The trust file (PEM, 'Issuer:' lines bind keys) to publish as the trust list.")
    private Path trust;

    @Option(names = "--keys-valid-until", paramLabel = "TIME", converter = Converters.OffsetInstant.class,
            description = "Until when the trust list's keys verify. Default: a year from now.")
    private Instant keysValidUntil;

    @Option(names = "--next-update", paramLabel = "DURATION", converter = Converters.PositiveDuration.class, defaultValue = "P1D",
            description = "When terminals should expect the next version at the latest. Default: P1D.")
    private Duration nextUpdate;

    @Option(names = "--chunk-keys", paramLabel = "N", defaultValue = "100000",
            description = "Keys per snapshot chunk, 1 to 100000. Default: 100000.")
    private int chunkKeys;

    @Option(names = "--out", paramLabel = "DIR", description = "The folder to write the signed lists into.")
    private Path out;

    @Option(names = "--broker", paramLabel = "URI", description = "An MQTT broker (tcp://host:port, ssl://host:port) to publish the lists to, retained.")
    private String broker;

    @Option(names = "--site", paramLabel = "SITE", description = "With --broker: the site whose terminals take the lists (topics limen/SITE/lists/...).")
    private String site;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX",
            description = "With --broker, instead of --site: the terminals' lists.topicPrefix, filled in (e.g. fleet/hq/lists).")
    private String topicPrefix;

    private final Clock clock;
    private final SecureRandom random;

    PublishListsCommand(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    @Override
    public Integer call() throws IOException {
        if (version < 1) {
            throw new ProvisioningException("--version must be at least 1, but was " + version);
        }
        if (chunkKeys < 1 || chunkKeys > ListDocuments.MAX_ENTRIES) {
            throw new ProvisioningException("--chunk-keys must be in [1, " + ListDocuments.MAX_ENTRIES + "], but was " + chunkKeys);
        }
        if ((baseRevoked == null) != (base == null) || (baseRevoked != null && revoked == null)) {
            throw new ProvisioningException("a delta needs --revoked, --base-revoked and --base together");
        }
        if (revoked == null && trust == null) {
            throw new ProvisioningException("nothing to publish: give --revoked, --trust or both");
        }
        ListTargets.check(out, broker, site, topicPrefix);
        IssuerKey key = IssuerKeyFile.load(signer);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant next = now.plus(nextUpdate).truncatedTo(ChronoUnit.SECONDS);
        List<RevocationKey> keys = revoked == null ? List.of() : readKeys(revoked);
        int chunks = Math.max(1, (keys.size() + chunkKeys - 1) / chunkKeys);
        if (revoked != null && broker != null && chunks > ListTopics.MAX_SNAPSHOT_CHUNKS) {
            throw new ProvisioningException(keys.size() + " keys in chunks of " + chunkKeys + " make " + chunks
                    + " chunks, but terminals take at most " + ListTopics.MAX_SNAPSHOT_CHUNKS + " over MQTT: raise --chunk-keys");
        }
        PrintWriter printed = spec.commandLine().getOut();
        try (ListTargets targets = ListTargets.open(out, broker, site, topicPrefix)) {
            publish(key, keys, chunks, now, next, targets, printed);
        }
        printed.flush();
        return 0;
    }

    /** Writes each document to --out and/or publishes it retained; the delta goes before the snapshot, so a terminal one version behind takes the cheap one first. */
    private void publish(IssuerKey key, List<RevocationKey> keys, int chunks, Instant now, Instant next, ListTargets targets,
                         PrintWriter printed) throws IOException {
        ListPublisher publisher = targets.publisher().orElse(null);
        ListTopics topics = targets.topics().orElse(null);
        if (revoked != null) {
            if (baseRevoked != null) {
                Set<RevocationKey> before = new LinkedHashSet<>(readKeys(baseRevoked));
                Set<RevocationKey> after = new LinkedHashSet<>(keys);
                List<RevocationKey> added = keys.stream().filter(k -> !before.contains(k)).toList();
                List<RevocationKey> removed = before.stream().filter(k -> !after.contains(k)).toList();
                ListHeader header = new ListHeader(ListKind.REVOCATIONS, ListHeader.ANY_ISSUER, version, OptionalLong.of(base),
                        now, next, Optional.empty());
                byte[] delta = ListDocuments.sign(key.signingKey(), new ListDocument.Revocations(header, added, removed));
                if (out != null) {
                    writeWhole(out.resolve("revocations-v" + base + "-to-v" + version + ".cose"), delta);
                }
                if (publisher != null) {
                    publisher.retain(topics.revocationDelta(), delta);
                }
                printed.println("revocations delta " + base + " -> " + version + ": " + added.size() + " added, " + removed.size() + " removed");
            } else if (publisher != null) {
                publisher.clear(topics.revocationDelta()); // an older delta must not linger beside this snapshot
            }
            SnapshotId id = SnapshotId.random(random);
            for (int i = 0; i < chunks; i++) {
                List<RevocationKey> part = keys.subList(i * chunkKeys, Math.min(keys.size(), (i + 1) * chunkKeys));
                ListHeader header = new ListHeader(ListKind.REVOCATIONS, ListHeader.ANY_ISSUER, version, OptionalLong.empty(),
                        now, next, Optional.of(new ListHeader.Chunk(i, chunks, id)));
                byte[] chunk = ListDocuments.sign(key.signingKey(), new ListDocument.Revocations(header, part, List.of()));
                if (out != null) {
                    writeWhole(out.resolve(String.format("revocations-v%d-chunk-%04d-of-%04d.cose", version, i, chunks)), chunk);
                }
                if (publisher != null) {
                    publisher.retain(topics.revocationChunk(i), chunk);
                }
                spec.commandLine().getErr().printf("\rsnapshot: chunk %d of %d (%d keys)%s", i + 1, chunks, keys.size(),
                        publisher != null ? " published" : "");
            }
            spec.commandLine().getErr().println();
            if (publisher != null) {
                // Chunks of an older, longer snapshot would linger retained: clear every index past this one's.
                for (int i = chunks; i < ListTopics.MAX_SNAPSHOT_CHUNKS; i++) {
                    publisher.clear(topics.revocationChunk(i));
                }
            }
            printed.println("revocations version " + version + ": " + keys.size() + " keys in " + chunks + " chunk(s)"
                    + (publisher != null ? ", published retained on " + topics.prefix() + "/revocations/snapshot/0.." + (chunks - 1) : ""));
        }
        if (trust != null) {
            TrustStore store = TrustStore.load(trust);
            Instant until = keysValidUntil != null ? keysValidUntil.truncatedTo(ChronoUnit.SECONDS) : now.plus(Duration.ofDays(365));
            List<TrustEntry> entries = new ArrayList<>();
            for (TrustedKey trusted : store.keys()) {
                entries.add(new TrustEntry(trusted.issuer(), trusted.key(), now, until));
            }
            ListHeader header = new ListHeader(ListKind.TRUST, ListHeader.ANY_ISSUER, version, OptionalLong.empty(), now, next, Optional.empty());
            byte[] document = ListDocuments.sign(key.signingKey(), new ListDocument.Trust(header, entries));
            String where = targets.trust(version, document);
            printed.println("trust version " + version + ": " + entries.size() + " key(s), valid until " + until + where);
        }
    }

    /** One revocation key a line (32 hex digits); blank lines and lines starting with '#' are skipped; duplicates once. */
    static List<RevocationKey> readKeys(Path file) throws IOException {
        Set<RevocationKey> keys = new LinkedHashSet<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            try {
                keys.add(RevocationKey.fromHex(text));
            } catch (IllegalArgumentException e) {
                throw new ProvisioningException(file + ":" + number + ": not a revocation key (32 hex digits): " + text);
            }
        }
        return new ArrayList<>(keys);
    }

    static void writeWhole(Path file, byte[] bytes) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temp, bytes);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
