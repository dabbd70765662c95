package io.limen.agent.lists;

import io.limen.format.cose.KeyId;
import io.limen.format.cose.VerifyingKey;
import io.limen.format.lists.ListDocument;
import io.limen.format.lists.ListDocuments;
import io.limen.format.lists.ListProblem;
import io.limen.format.lists.ListResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * List documents from files (a technician's {@code limen agent lists import}, a drop folder): each file
 * is one signed document, checked for size before it is read ({@link ListDocuments#MAX_BYTES}),
 * verified against the list-signing keys, and handed to the updates of its kind.
 */
public final class ListImport {

    private final Function<KeyId, List<VerifyingKey>> signers;
    private final Optional<RevocationUpdates> revocations;
    private final Optional<TrustListUpdates> trust;

    public ListImport(Function<KeyId, List<VerifyingKey>> signers, Optional<RevocationUpdates> revocations,
                      Optional<TrustListUpdates> trust) {
        this.signers = Objects.requireNonNull(signers, "signers must not be null");
        this.revocations = Objects.requireNonNull(revocations, "revocations must not be null");
        this.trust = Objects.requireNonNull(trust, "trust must not be null");
    }

    /**
     * What became of the document in {@code file}, judged at {@code trustedNow}.
     *
     * @throws IOException if the file cannot be read, or the trust file cannot be written
     */
    public ListOutcome importFile(Path file, Instant trustedNow) throws IOException {
        long size = Files.size(file);
        if (size > ListDocuments.MAX_BYTES) {
            return new ListOutcome.Refused(ListProblem.TOO_LARGE, "a list document may have at most " + ListDocuments.MAX_BYTES
                    + " bytes, but " + file + " has " + size + "; not read");
        }
        byte[] bytes = Files.readAllBytes(file);
        return importBytes(bytes, trustedNow);
    }

    /** The same for a document already in memory (an MQTT message). */
    public ListOutcome importBytes(byte[] bytes, Instant trustedNow) throws IOException {
        return switch (ListDocuments.read(bytes, signers)) {
            case ListResult.Refused refused -> new ListOutcome.Refused(refused.problem(), refused.detail());
            case ListResult.Accepted accepted -> importDocument(accepted.document(), bytes, trustedNow);
        };
    }

    /**
     * The same for a document {@code bytes} that {@link ListDocuments#read} has verified already (with
     * this import's signers): handed to the updates of its kind.
     */
    public ListOutcome importDocument(ListDocument document, byte[] bytes, Instant trustedNow) throws IOException {
        return switch (document) {
            case ListDocument.Revocations r -> revocations.isPresent() ? revocations.get().apply(r, trustedNow)
                    : new ListOutcome.Refused(ListProblem.WRONG_KIND, "a revocation list, but no revocation store is configured");
            case ListDocument.Trust t -> trust.isPresent() ? trust.get().apply(t, bytes, trustedNow)
                    : new ListOutcome.Refused(ListProblem.WRONG_KIND, "a trust list, but no trust file is configured");
        };
    }

    /** The list-signing keys this import verifies with. */
    public Function<KeyId, List<VerifyingKey>> signers() {
        return signers;
    }

    /** The end of a batch: a chunked snapshot still incomplete is dropped ({@link RevocationUpdates#finish}). */
    public Optional<ListOutcome.Refused> finish() {
        return revocations.flatMap(RevocationUpdates::finish);
    }
}
