package io.limen.agent.cli;

import io.limen.agent.display.DisplayLanguage;
import io.limen.agent.display.Displays;
import io.limen.agent.display.HexFont;
import io.limen.agent.display.OledScreen;
import io.limen.config.AgentConfig;
import io.limen.config.DisplayConfig;
import io.limen.config.yaml.ConfigFile;
import io.limen.config.yaml.ConfigProblem;
import io.limen.config.yaml.LoadResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code config check FILE}: loads the file exactly as {@code run} does and says whether a terminal
 * would start with it. Valid: {@code ok} and the effective configuration (defaults filled in, paths
 * absolute, secrets masked) on stdout, exit 0. Invalid: every problem, one line each in the form
 * {@code FILE:LINE:COLUMN field.path: what is wrong — what is allowed}, then a count, on stderr, exit 1.
 * A valid file whose OLED font cannot be used gets one {@code note:} line on stderr (still exit 0).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {
            "Check a terminal's YAML config file: print every problem with its line and column, or 'ok' and the "
                + "effective configuration (every default filled in, secrets masked).",
            "",
            "Exit code 0 when the file is valid; 1 when it has problems or cannot be read; 2 for bad options."})
final class ConfigCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The config file, e.g. /etc/limen/limen.yaml.")
    Path file;

    @Override
    public Integer call() {
        LoadResult result = ConfigFile.load(file);
        return switch (result) {
            case LoadResult.Loaded loaded -> {
                PrintWriter out = spec.commandLine().getOut();
                out.println("ok");
                out.print(loaded.effective());
                out.flush();
                fontNote(loaded.config());
                yield 0;
            }
            case LoadResult.Invalid invalid -> {
                PrintWriter err = spec.commandLine().getErr();
                for (ConfigProblem problem : invalid.problems()) {
                    err.println(problem);
                }
                int count = invalid.problems().size();
                err.println(count + (count == 1 ? " problem in " : " problems in ") + file);
                err.flush();
                yield 1;
            }
        };
    }

    /**
     * For an OLED: reads {@code display.font} as the display will, and when it cannot be used says why on
     * stderr. Not a problem (the OLED then shows English with built-in glyphs, and the exit stays 0), but
     * the technician at the terminal is the one who can {@code apt-get install unifont}.
     */
    private void fontNote(AgentConfig config) {
        if (Displays.resolve(config) != DisplayConfig.Type.OLED) {
            return;
        }
        OledScreen screen = OledScreen.of(HexFont.read(config.display().font()), DisplayLanguage.of(config.display().language()));
        screen.fallback().ifPresent(refused -> {
            PrintWriter err = spec.commandLine().getErr();
            err.println("note: display.font not usable (" + refused + "); the OLED will show English with its built-in glyphs");
            err.flush();
        });
    }
}
