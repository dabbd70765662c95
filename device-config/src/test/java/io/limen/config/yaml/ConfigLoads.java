package io.limen.config.yaml;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.limen.config.AgentConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loading a config file in a test: the files a valid one names, its records, or its problems. */
final class ConfigLoads {

    private ConfigLoads() {
    }

    /** Writes what the test configs name in {@code dir}: the trust file {@code trust.pem}, the folders {@code state} and {@code logs}. */
    static void writeNamedFiles(Path dir) throws IOException {
        Files.writeString(dir.resolve("trust.pem"), "-----BEGIN PUBLIC KEY-----\n");
        Files.createDirectories(dir.resolve("state"));
        Files.createDirectories(dir.resolve("logs"));
    }

    /** The records {@code file} loads to; fails the test, naming the problems, if it is invalid. */
    static AgentConfig loaded(Path file) {
        LoadResult result = ConfigFile.load(file);
        return assertInstanceOf(LoadResult.Loaded.class, result, () -> "problems: " + result).config();
    }

    /** The problems {@code file} loads to, each without the file's path in front; fails the test if it loads. */
    static List<String> problems(Path file) {
        LoadResult result = ConfigFile.load(file);
        LoadResult.Invalid invalid = assertInstanceOf(LoadResult.Invalid.class, result, () -> "loaded: " + result);
        return invalid.problems().stream().map(p -> p.toString().replace(file + ": ", "").replace(file + ":", "")).toList();
    }
}
