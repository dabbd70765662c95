package io.limen.format.lists;

import java.util.Objects;

/**
 * Where list documents travel over MQTT (docs/lists.md, "Over MQTT"): site-wide, one retained message
 * per topic, under {@code limen/<site>/lists}. The publisher ({@code limen provision publish-lists
 * --broker}) and the terminal share these names.
 *
 * <pre>
 * limen/SITE/lists/trust                        the trust list
 * limen/SITE/lists/revocations/delta            the newest revocation delta
 * limen/SITE/lists/revocations/snapshot/INDEX   chunk INDEX (0, 1, …) of the newest revocation snapshot
 * </pre>
 *
 * @param prefix the topics' prefix, such as {@code limen/site-1/lists}
 */
public record ListTopics(String prefix) {

    /**
     * The most chunks a revocation snapshot over MQTT may have: 20 M keys at 100,000 a chunk, twice the
     * design's 10 M. A terminal refuses a snapshot claiming more ({@code too_large}); a publisher clears
     * the chunk topics from its snapshot's count up to this, so no chunk of an older snapshot lingers.
     */
    public static final int MAX_SNAPSHOT_CHUNKS = 200;

    public ListTopics {
        Objects.requireNonNull(prefix, "prefix must not be null");
        if (prefix.isEmpty() || prefix.contains("+") || prefix.contains("#") || prefix.endsWith("/")) {
            throw new IllegalArgumentException("a list topic prefix has no wildcards and no trailing '/', but was \"" + prefix + "\"");
        }
    }

    /** The topics of {@code site} (the terminal section's {@code site}). */
    public static ListTopics forSite(String site) {
        Objects.requireNonNull(site, "site must not be null");
        if (site.isEmpty() || site.contains("/") || site.contains("+") || site.contains("#")) {
            throw new IllegalArgumentException("a site name for list topics has no '/', '+' or '#', but was \"" + site + "\"");
        }
        return new ListTopics("limen/" + site + "/lists");
    }

    /** What a terminal subscribes to: every list topic of its site. */
    public String filter() {
        return prefix + "/#";
    }

    public String trust() {
        return prefix + "/trust";
    }

    public String revocationDelta() {
        return prefix + "/revocations/delta";
    }

    /** The topic of chunk {@code index} of the revocation snapshot. */
    public String revocationChunk(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("a chunk index is 0 or more, but was " + index);
        }
        return prefix + "/revocations/snapshot/" + index;
    }
}
