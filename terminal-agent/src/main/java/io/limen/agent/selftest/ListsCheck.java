package io.limen.agent.selftest;

import io.limen.agent.revocation.RevocationStore;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.config.AgentConfig;
import io.limen.config.ListsConfig;
import io.limen.format.credential.TrustStore;
import io.limen.format.lists.ListDocuments;
import io.limen.format.lists.ListResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The signed lists' ages against {@code lists.maxAge}, read as the terminal's list keeper reads them and
 * without writing anything: the trust list is the signed document kept beside the trust file
 * ({@code TRUST_FILE.list}, verified with {@code lists.signers}), the revocation list is the store's
 * version and the issue time recorded with it. Each list is as old as its signed issue time, as the
 * policy counts it: a revocation list whose issue time was never recorded is infinitely old, a trust
 * file without a signed trust list (made by hand) is current.
 *
 * <p>Past {@code maxAge} the check fails; it is needed only when {@code lists.whenStale} is {@code refuse}
 * (the entrance then refuses everyone), otherwise the entrance runs degraded and the failure is a warning.
 * A terminal without signed lists ({@code lists.signers} or {@code revocation.database} unset) does not
 * judge list age: skipped.
 */
final class ListsCheck {

    /** The store's meta row with the list's issue time, as {@code RevocationStore.recordIssuedAt} writes it. */
    static final String ISSUED_AT_ROW = "revocation_issued_at";

    private ListsCheck() {
    }

    /** @param judgedAt the time the terminal would judge at (the clock, or the floor when the clock is behind it) */
    static Check run(AgentConfig config, Instant judgedAt) throws IOException {
        ListsConfig lists = config.lists();
        if (lists.signers().isEmpty() || config.revocation().database().isEmpty()) {
            return Check.skip("lists", "lists are not signed here (lists.signers or revocation.database unset): their age is not judged");
        }
        TrustStore signers = TrustStore.load(lists.signers().get());
        Optional<Signed> trust = trustList(config.credentials().trustFile(), signers);
        Path store = config.revocation().database().get();
        if (!Files.exists(store)) {
            return Check.fail("lists", lists.whenStale() == ListsConfig.Degraded.REFUSE, "the revocation store " + store
                    + " does not exist yet: no revocation list held (import one: limen agent lists import)");
        }
        long revocationVersion = RevocationStore.readSnapshot(SqliteConnections.readOnly(store, config.revocation().busyTimeout()))
                .version();
        Optional<Instant> revocationIssued = issuedAt(store, config);
        Duration trustAge = age(Optional.of(trust.map(Signed::issuedAt).orElse(judgedAt)), judgedAt);
        Duration revocationAge = age(revocationIssued, judgedAt);
        Duration oldest = trustAge.compareTo(revocationAge) >= 0 ? trustAge : revocationAge;
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("trustVersion", trust.map(Signed::version).orElse(0L));
        facts.put("trustIssuedAt", trust.map(t -> t.issuedAt().toString()).orElse(null));
        facts.put("revocationVersion", revocationVersion);
        facts.put("revocationIssuedAt", revocationIssued.map(Instant::toString).orElse(null));
        facts.put("oldestAgeMs", oldest.equals(FOREVER) ? null : oldest.toMillis());
        facts.put("maxAgeMs", lists.maxAge().toMillis());
        String held = "trust list " + trust.map(t -> "version " + t.version() + " signed " + t.issuedAt() + " (" + text(trustAge) + " old)")
                .orElse("not signed (no verified " + config.credentials().trustFile() + ".list: a hand-made trust file counts as current)")
                + ", revocation list version " + revocationVersion + revocationIssued.map(t -> " signed " + t + " (" + text(revocationAge)
                + " old)").orElse(", issue time never recorded");
        if (oldest.compareTo(lists.maxAge()) > 0) {
            boolean refuses = lists.whenStale() == ListsConfig.Degraded.REFUSE;
            return Check.fail("lists", refuses, held + ": older than lists.maxAge " + text(lists.maxAge()) + ", the entrance will "
                    + lists.whenStale().configName() + " (lists.whenStale)").with(facts);
        }
        return Check.pass("lists", true, held + "; within lists.maxAge " + text(lists.maxAge())).with(facts);
    }

    private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);

    private static Duration age(Optional<Instant> issued, Instant now) {
        return issued.map(t -> now.isAfter(t) ? Duration.between(t, now) : Duration.ZERO).orElse(FOREVER);
    }

    private static String text(Duration d) {
        if (d.equals(FOREVER)) {
            return "forever";
        }
        return d.toDays() >= 2 ? d.toDays() + " d" : d.toHours() >= 2 ? d.toHours() + " h" : d.toMinutes() + " min";
    }

    private record Signed(long version, Instant issuedAt) {
    }

    /** The signed trust list beside the trust file, if it is there and verifies. */
    private static Optional<Signed> trustList(Path trustFile, TrustStore signers) throws IOException {
        Path document = Path.of(trustFile + ".list");
        if (!Files.exists(document)) {
            return Optional.empty();
        }
        return switch (ListDocuments.read(Files.readAllBytes(document), signers::keysFor)) {
            case ListResult.Accepted a -> Optional.of(new Signed(a.document().header().version(), a.document().header().issuedAt()));
            case ListResult.Refused r -> Optional.empty();
        };
    }

    /** The recorded issue time, read-only; empty when the list was written before signed lists. */
    private static Optional<Instant> issuedAt(Path store, AgentConfig config) throws IOException {
        try (Connection c = SqliteConnections.readOnly(store, config.revocation().busyTimeout()).open();
             PreparedStatement q = c.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
            q.setString(1, ISSUED_AT_ROW);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(Instant.ofEpochSecond(rs.getLong(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IOException("revocation store " + store + ": cannot read the list's issue time: " + e.getMessage(), e);
        }
    }
}
