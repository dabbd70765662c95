package io.limen.provisioning;

import io.limen.format.lists.ListTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where signed list documents go: a folder of files ({@code --out}) and/or a site's retained topics on a
 * broker ({@code --broker} with {@code --site}, through the one {@link ListPublisher}). Shared by
 * {@code publish-lists} and {@code trust}, so both name, check and publish alike.
 */
final class ListTargets implements AutoCloseable {

    private final Optional<Path> out;
    private final Optional<ListPublisher> publisher;
    private final Optional<ListTopics> topics;

    private ListTargets(Optional<Path> out, Optional<ListPublisher> publisher, Optional<ListTopics> topics) {
        this.out = out;
        this.publisher = publisher;
        this.topics = topics;
    }

    /**
     * Checks the options and connects to the broker, if one is named.
     *
     * @throws ProvisioningException if neither target is given, {@code --broker} and {@code --site} do not
     *                               come together, the site is not a valid topic level, or the broker cannot be reached
     */
    static ListTargets open(Path out, String broker, String site, String topicPrefix) throws IOException {
        ListTopics topics = check(out, broker, site, topicPrefix);
        if (out != null) {
            Files.createDirectories(out);
        }
        return new ListTargets(Optional.ofNullable(out), Optional.ofNullable(broker == null ? null : new ListPublisher(broker)),
                Optional.ofNullable(topics));
    }

    /**
     * Checks the options without touching anything (before a key is read): the site's topics, or null without a broker.
     *
     * @throws ProvisioningException as {@link #open}, but for the broker's reach
     */
    static ListTopics check(Path out, String broker, String site, String topicPrefix) {
        if (out == null && broker == null) {
            throw new ProvisioningException("nowhere to publish: give --out, --broker or both");
        }
        if (site != null && topicPrefix != null) {
            throw new ProvisioningException("--site and --topic-prefix name the same topics: give one");
        }
        if (topicPrefix != null) {
            if (broker == null) {
                throw new ProvisioningException("--topic-prefix goes with --broker");
            }
            try {
                return new ListTopics(topicPrefix);
            } catch (IllegalArgumentException e) {
                throw new ProvisioningException("--topic-prefix: " + e.getMessage());
            }
        }
        if ((broker == null) != (site == null)) {
            throw new ProvisioningException("--broker and --site go together: the topics are limen/SITE/lists/...");
        }
        ListTopics topics = null;
        if (site != null) {
            try {
                topics = ListTopics.forSite(site);
            } catch (IllegalArgumentException e) {
                throw new ProvisioningException("--site: " + e.getMessage());
            }
        }
        return topics;
    }

    Optional<Path> out() {
        return out;
    }

    Optional<ListPublisher> publisher() {
        return publisher;
    }

    /** The site's topics; present exactly when {@link #publisher} is. */
    Optional<ListTopics> topics() {
        return topics;
    }

    /**
     * Writes the signed trust list of {@code version} as {@code trust-vN.cose} into the folder and/or
     * publishes it retained on the site's trust topic.
     *
     * @return where it went, for the command's output: such as {@code ", written to out/trust-v3.cose, published retained on limen/hq/lists/trust"}
     */
    String trust(long version, byte[] document) throws IOException {
        StringBuilder where = new StringBuilder();
        if (out.isPresent()) {
            Path file = out.get().resolve("trust-v" + version + ".cose");
            PublishListsCommand.writeWhole(file, document);
            where.append(", written to ").append(file);
        }
        if (publisher.isPresent()) {
            publisher.get().retain(topics.orElseThrow().trust(), document);
            where.append(", published retained on ").append(topics.orElseThrow().trust());
        }
        return where.toString();
    }

    @Override
    public void close() {
        publisher.ifPresent(ListPublisher::close);
    }
}
