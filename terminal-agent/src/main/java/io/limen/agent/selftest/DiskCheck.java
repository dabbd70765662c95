package io.limen.agent.selftest;

import io.limen.config.AgentConfig;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Free space on every file system the terminal writes to. */
final class DiskCheck {

    /** The least free space each needs: a day of a busy entrance's scan log, with margin. */
    static final long MIN_FREE_BYTES = 64L * 1024 * 1024;

    private DiskCheck() {
    }

    /**
     * Free space where the terminal writes: the state folder, the logs folder, and the folders of the scan
     * log and the revocation store; each file system once, named by the first folder on it.
     */
    static Check run(AgentConfig config) {
        List<Path> folders = new ArrayList<>(List.of(config.paths().state(), config.paths().logs()));
        config.scanLog().database().map(f -> f.toAbsolutePath().getParent()).ifPresent(folders::add);
        config.revocation().database().map(f -> f.toAbsolutePath().getParent()).ifPresent(folders::add);
        Map<FileStore, Path> stores = new LinkedHashMap<>();
        List<String> seen = new ArrayList<>();
        List<String> low = new ArrayList<>();
        long leastFree = Long.MAX_VALUE;
        for (Path folder : folders) {
            try {
                FileStore store = Files.getFileStore(folder);
                if (stores.putIfAbsent(store, folder) != null) {
                    continue;
                }
                long free = store.getUsableSpace();
                leastFree = Math.min(leastFree, free);
                String line = free / (1024 * 1024) + " MiB free under " + folder;
                seen.add(line);
                if (free < MIN_FREE_BYTES) {
                    low.add(line);
                }
            } catch (IOException e) {
                low.add(folder + " cannot be read: " + e.getMessage());
            }
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("leastFreeBytes", leastFree == Long.MAX_VALUE ? null : leastFree);
        facts.put("minFreeBytes", MIN_FREE_BYTES);
        return low.isEmpty() ? Check.pass("disk", true, String.join("; ", seen)).with(facts)
                : Check.fail("disk", true, String.join("; ", low) + " (" + MIN_FREE_BYTES / (1024 * 1024) + " MiB needed)").with(facts);
    }

}
