package io.limen.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The signed trust and revocation lists (YAML section {@code lists}; docs/lists.md), and what this
 * entrance does when they are stale or its clock cannot be trusted.
 *
 * @param signers           the list-signing public keys (PEM); with it the terminal keeps its revocation store
 *                          itself (a Bloom filter in memory, the store on disk) and takes list updates
 *                          written to it by {@code limen agent lists import}; empty: lists as before
 * @param dropFolder        a folder a technician drops signed list documents into; the terminal applies each
 *                          (with {@code signers}) within seconds and moves it to {@code applied/} or {@code refused/}
 * @param maxAge            how old the older of the two lists may be (from its signed issue time) before the
 *                          entrance is degraded, 1 min..366 days
 * @param whenStale         what the entrance does past {@code maxAge}
 * @param whenClockUnsynced what it does while its clock is not trusted (never synchronised since boot, or
 *                          behind the newest trustworthy time it has seen)
 * @param snapshotTimeout   how long a revocation snapshot arriving over MQTT may wait for its next chunk before
 *                          it is dropped ({@code snapshot_timeout}; the held list stays), 10 s..24 h
 * @param topicPrefix       the prefix of the site's list topics over MQTT, a template: {@code {site}} and
 *                          {@code {terminal}} are the terminal section's names ({@link #topicPrefix(TerminalConfig)})
 */
public record ListsConfig(Optional<Path> signers, Optional<Path> dropFolder, Duration maxAge, Degraded whenStale,
                          Degraded whenClockUnsynced, Duration snapshotTimeout, String topicPrefix) {

    /** {@link #maxAge} in milliseconds: 1 min..366 days. */
    public static final Range MAX_AGE_MS = new Range(60_000, Duration.ofDays(366).toMillis());
    /** Two days: a weekend without a link keeps the entrance as it is. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(48);
    /** {@link #snapshotTimeout} in milliseconds: 10 s..24 h. */
    public static final Range SNAPSHOT_TIMEOUT_MS = new Range(10_000, Duration.ofHours(24).toMillis());
    /** Five minutes without a chunk: a 4 MiB chunk takes about 35 s at 1 Mbit/s. */
    public static final Duration DEFAULT_SNAPSHOT_TIMEOUT = Duration.ofMinutes(5);
    /** The site-wide list topics that {@code limen provision publish-lists --site} publishes to. */
    public static final String DEFAULT_TOPIC_PREFIX = "limen/{site}/lists";
    public static final ListsConfig DEFAULTS = new ListsConfig(Optional.empty(), Optional.empty(), DEFAULT_MAX_AGE,
            Degraded.ADMIT_WITH_WARNING, Degraded.ADMIT_WITH_WARNING);

    /** The lists with the default snapshot timeout and topics. */
    public ListsConfig(Optional<Path> signers, Optional<Path> dropFolder, Duration maxAge, Degraded whenStale, Degraded whenClockUnsynced) {
        this(signers, dropFolder, maxAge, whenStale, whenClockUnsynced, DEFAULT_SNAPSHOT_TIMEOUT, DEFAULT_TOPIC_PREFIX);
    }

    /** This config with another snapshot timeout. */
    public ListsConfig withSnapshotTimeout(Duration value) {
        return new ListsConfig(signers, dropFolder, maxAge, whenStale, whenClockUnsynced, value, topicPrefix);
    }

    /** This config with another topic prefix template. */
    public ListsConfig withTopicPrefix(String value) {
        return new ListsConfig(signers, dropFolder, maxAge, whenStale, whenClockUnsynced, snapshotTimeout, value);
    }

    /** The list topics' prefix for {@code terminal}: the template with its site and id filled in, such as {@code limen/hq/lists}. */
    public String topicPrefix(TerminalConfig terminal) {
        return UplinkConfig.expand(topicPrefix, terminal);
    }

    /** The degraded modes a building manager chooses from, per entrance. */
    public enum Degraded {
        /** Keep admitting as usual; say so in the log and status (the entrance never stops on a stale list). */
        ADMIT_WITH_WARNING,
        /** Admit only credentials issued before the lists' (or the trusted clock's) time; refuse newer ones. */
        ADMIT_ISSUED_BEFORE,
        /** Refuse every credential ({@code lists_stale} or {@code clock_unsynced}). */
        REFUSE;

        /** The name in the config file: lower case with dashes, such as {@code admit-with-warning}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Degraded> fromConfigName(String name) {
            return Arrays.stream(values()).filter(d -> d.configName().equals(name)).findFirst();
        }
    }

    public ListsConfig {
        Checks.present("lists.signers", signers);
        Checks.present("lists.dropFolder", dropFolder);
        Checks.within("lists.maxAge", maxAge, MAX_AGE_MS);
        Checks.present("lists.whenStale", whenStale);
        Checks.present("lists.whenClockUnsynced", whenClockUnsynced);
        Checks.within("lists.snapshotTimeout", snapshotTimeout, SNAPSHOT_TIMEOUT_MS);
        Checks.present("lists.topicPrefix", topicPrefix);
        boolean ok = !topicPrefix.isEmpty() && topicPrefix.length() <= 256 && !topicPrefix.startsWith("/") && !topicPrefix.endsWith("/")
                && !topicPrefix.contains("//") && topicPrefix.chars().noneMatch(c -> c == '+' || c == '#' || Character.isISOControl(c));
        if (!ok) {
            throw new IllegalArgumentException("lists.topicPrefix must be 1..256 characters of topic levels such as"
                    + " limen/{site}/lists, without + # control characters or empty levels, but was \""
                    + topicPrefix.replaceAll("\\p{Cntrl}", "?") + "\"");
        }
    }
}
