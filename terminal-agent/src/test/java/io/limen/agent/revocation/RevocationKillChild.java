package io.limen.agent.revocation;

import io.limen.format.credential.RevocationKey;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The child JVM of {@link RevocationKillTest}: applies list versions 1, 2, 3, ... to the store at
 * {@code args[0]} without end (every tenth a full snapshot, the others deltas that add and remove), and
 * prints each version on its own line once its update returned (committed), until it is killed.
 */
public final class RevocationKillChild {

    /** One update of the scenario: a snapshot ({@code removed} empty, {@code snapshot} true) or a delta. */
    record Update(long version, boolean snapshot, List<RevocationKey> added, List<RevocationKey> removed) {
    }

    /** The update that makes version {@code version} from {@code list} (the list at the version before), applied to it. */
    static Update next(long version, TreeSet<RevocationKey> list) {
        SplittableRandom random = new SplittableRandom(version);
        if (version % 10 == 1) {
            List<RevocationKey> keys = keys(random, 3_000);
            list.clear();
            list.addAll(keys);
            return new Update(version, true, keys, List.of());
        }
        List<RevocationKey> added = keys(random, 300);
        List<RevocationKey> removed = new ArrayList<>();
        for (RevocationKey key : list) {
            if (random.nextInt(20) == 0) {
                removed.add(key);
            }
        }
        list.removeAll(removed);
        list.addAll(added);
        return new Update(version, false, added, removed);
    }

    private static List<RevocationKey> keys(SplittableRandom random, int count) {
        List<RevocationKey> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(new RevocationKey(random.nextLong(), random.nextLong()));
        }
        return keys;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)), false,
                StandardCharsets.US_ASCII);
        TreeSet<RevocationKey> list = new TreeSet<>();
        try (RevocationIndex index = RevocationIndex.open(SqliteConnections.file(Path.of(args[0])), Instant.now())) {
            for (long version = 1; ; version++) {
                Update update = next(version, list);
                if (update.snapshot()) {
                    index.replaceAll(version, update.added());
                } else {
                    index.applyDelta(version, update.added(), update.removed());
                }
                out.println(version);
                out.flush();
            }
        }
    }
}
