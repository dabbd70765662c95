package io.limen.format.lists;

import io.limen.format.cose.VerifyingKey;
import java.util.Objects;

/** What reading a list document from the wire gave: the document and its signer, or why not. Never an exception. */
public sealed interface ListResult {

    record Accepted(ListDocument document, VerifyingKey signer) implements ListResult {
        public Accepted {
            Objects.requireNonNull(document, "document must not be null");
            Objects.requireNonNull(signer, "signer must not be null");
        }
    }

    /** @param detail for logs and the command line, not stable: match on {@code problem} */
    record Refused(ListProblem problem, String detail) implements ListResult {
        public Refused {
            Objects.requireNonNull(problem, "problem must not be null");
            Objects.requireNonNull(detail, "detail must not be null");
        }

        @Override
        public String toString() {
            return problem.code() + ": " + detail;
        }
    }
}
