package io.limen.config.yaml;

import io.limen.config.AgentConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Loads the terminal's YAML config file: every problem in it at once, or the configuration.
 *
 * <p>A config file is hostile input (a technician's typo, a half-copied file, a file that is not a
 * config at all), so loading never throws: it returns {@link LoadResult.Invalid} with each problem as
 * {@code FILE:LINE:COLUMN field.path: what is wrong — what is allowed}. What it refuses, in order:
 * a file that cannot be read; more than {@link #MAX_BYTES} bytes (refused unparsed, read no further
 * than the cap even if the file grows meanwhile); not UTF-8; tabs in indentation; not YAML (the
 * parser's first error); more than {@link #MAX_ALIASES} aliases of mappings or lists (a "billion
 * laughs" bomb); an empty file; then, all together, every unknown or duplicate key, wrong type,
 * out-of-range value, bad path and pin used twice. Syntax errors stop the reading, as the structure
 * after one is a guess.
 *
 * <p>The keys, types and defaults are those of {@link ConfigModel}; docs/configuration.md lists them.
 */
public final class ConfigFile {

    /** The largest config file read: real ones are a few KB. */
    public static final int MAX_BYTES = 1 << 20;
    /** The most aliases of collections a file may use; a config needs none, a bomb needs many. */
    public static final int MAX_ALIASES = 20;

    private ConfigFile() {
    }

    /** Loads {@code file}; relative paths inside it are taken from its folder. Never throws on bad input. */
    public static LoadResult load(Path file) {
        Problems problems = new Problems(file);
        Optional<String> text = read(file, problems);
        if (text.isEmpty()) {
            return new LoadResult.Invalid(problems.sorted());
        }
        Tabs.find(text.get(), problems);
        if (!problems.isEmpty()) {
            return new LoadResult.Invalid(problems.sorted());
        }
        Optional<Node> root = compose(text.get(), file, problems);
        if (root.isEmpty()) {
            return new LoadResult.Invalid(problems.sorted());
        }
        if (!(root.get() instanceof MappingNode)) {
            problems.add(TreeReader.position(root.get()), "", TreeReader.describe(root.get())
                    + " is not a config — a config is a YAML mapping of sections: "
                    + String.join(", ", ConfigModel.ROOT.fields().stream().map(Field::key).toList()));
            return new LoadResult.Invalid(problems.sorted());
        }
        Path folder = file.toAbsolutePath().normalize().getParent();
        Values values = new TreeReader(problems, folder).read(root.get());
        Optional<AgentConfig> config = ConfigModel.build(values);
        for (Values.Rejection r : values.rejections()) {
            problems.add(values.nearestPosition(r.path()), r.path(), r.message());
        }
        if (!problems.isEmpty() || config.isEmpty()) {
            return new LoadResult.Invalid(problems.sorted());
        }
        return new LoadResult.Loaded(config.get(), EffectiveConfig.yaml(values));
    }

    private static Optional<String> read(Path file, Problems problems) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            problems.addForFile("no such file — give the path of the terminal's YAML config");
            return Optional.empty();
        } catch (AccessDeniedException e) {
            problems.addForFile("permission denied — the config must be readable by the user running the agent");
            return Optional.empty();
        } catch (IOException e) {
            // A folder, a device that fails: say what the system said.
            problems.addForFile("cannot be read (" + e.getMessage() + ") — must be a readable file");
            return Optional.empty();
        }
        if (bytes.length > MAX_BYTES) {
            problems.addForFile("larger than " + MAX_BYTES + " bytes — a config is a few KB; at most 1 MiB is read");
            return Optional.empty();
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            return Optional.of(utf8.decode(buffer).toString());
        } catch (MalformedInputException e) {
            int at = buffer.position();
            problems.add(positionOfByte(bytes, at), "", "byte " + at + " is not UTF-8 text — a config is UTF-8 YAML"
                    + " (is this a binary file?)");
            return Optional.empty();
        } catch (CharacterCodingException e) {
            problems.addForFile("is not UTF-8 text — a config is UTF-8 YAML");
            return Optional.empty();
        }
    }

    private static Position positionOfByte(byte[] bytes, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Position(line, offset - lineStart + 1);
    }

    private static Optional<Node> compose(String text, Path file, Problems problems) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file.toString())
                .setSchema(new CoreSchema())
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit(MAX_BYTES)
                .build();
        try {
            Optional<Node> root = new Compose(settings).composeString(text);
            if (root.isEmpty()) {
                problems.add(Position.START, "", "empty — a config is a YAML mapping of sections, at least"
                        + " terminal.site, terminal.id and credentials.trustFile");
            }
            return root;
        } catch (MarkedYamlEngineException e) {
            Position at = e.getProblemMark().or(e::getContextMark)
                    .map(m -> new Position(m.getLine() + 1, m.getColumn() + 1)).orElse(Position.START);
            // The parser's own words: its context ("while scanning a simple key") and the problem.
            String what = e.getContext() == null ? e.getProblem()
                    : e.getProblem() == null ? e.getContext() : e.getContext() + ", " + e.getProblem();
            problems.add(at, "", "not valid YAML: " + Describe.shorten(String.valueOf(what).strip().replace('\n', ' '), 120)
                    + " — a config is a YAML mapping of sections");
            return Optional.empty();
        } catch (YamlEngineException e) {
            // Unmarked: the alias cap, the code point limit.
            problems.add(Position.START, "", "refused: " + e.getMessage() + " — a config uses at most " + MAX_ALIASES
                    + " aliases of mappings or lists");
            return Optional.empty();
        }
    }
}
