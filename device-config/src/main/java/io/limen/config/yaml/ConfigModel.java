package io.limen.config.yaml;

import static io.limen.config.yaml.Field.group;
import static io.limen.config.yaml.Field.optional;
import static io.limen.config.yaml.Field.required;
import static io.limen.config.yaml.Field.withDefault;

import io.limen.config.AgentConfig;
import io.limen.config.BoardProfile;
import io.limen.config.BoardProfiles;
import io.limen.config.CameraConfig;
import io.limen.config.CameraSource;
import io.limen.config.RegionOfInterest;
import io.limen.config.RestartBackoff;
import io.limen.config.CredentialsConfig;
import io.limen.config.DebounceConfig;
import io.limen.config.DisplayConfig;
import io.limen.config.DecoderConfig;
import io.limen.config.Direction;
import io.limen.config.BoardInput;
import io.limen.config.InputWiring;
import io.limen.config.LockFailMode;
import io.limen.config.RelayMode;
import io.limen.config.GateConfig;
import io.limen.config.GateDriver;
import io.limen.config.ListsConfig;
import io.limen.config.OledWiring;
import io.limen.config.LogLevel;
import io.limen.config.LoggingConfig;
import io.limen.config.PathsConfig;
import io.limen.config.Range;
import io.limen.config.RevocationConfig;
import io.limen.config.ScanLogConfig;
import io.limen.config.TerminalConfig;
import io.limen.config.UplinkConfig;
import io.limen.config.BatchConfig;
import io.limen.config.PolicyConfig;
import io.limen.config.Schedule;
import io.limen.config.WeeklyWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The config file, declared once: every section and key with its type, default, unit and meaning
 * (the table, {@link #ROOT}), and how each section's values become its record (the builders). Ranges
 * and defaults are the records' own constants, so a rule is written in one place.
 *
 * <p>Conventions: keys are camelCase; durations are whole milliseconds in keys ending {@code Ms};
 * sizes are whole bytes in keys ending {@code Bytes}; paths are relative to the config file's folder unless
 * absolute.
 */
public final class ConfigModel {

    /** Sections a later version will add; named so that the error says "not yet" rather than "typo". */
    public static final List<String> RESERVED_SECTIONS = List.of();

    private static final String MS = "ms";
    private static final List<String> DEGRADED = Arrays.stream(ListsConfig.Degraded.values()).map(ListsConfig.Degraded::configName).toList();

    /** The top-level sections, in the order a file and the docs show them. */
    public static final FieldType.Group ROOT = new FieldType.Group(List.of(
            group("terminal", "Which terminal this is and which entrance it guards.",
                    required("site", new FieldType.Name(), "", "The building or campus, as the fleet names it."),
                    required("id", new FieldType.Name(), "", "This terminal within its site."),
                    optional("zone", new FieldType.Name(), "",
                            "The zone this entrance admits to; left out, any credential's zone is admitted.")),
            group("board", "The wiring: a built-in pin map, and pins that differ from it.",
                    withDefault("profile", new FieldType.Choice(BoardProfiles.all().stream().map(BoardProfile::name).toList()),
                            BoardProfiles.LIMEN_HAT_V1.name(), "", "The built-in pin map of the board (docs/configuration.md lists them)."),
                    group("pins", "Pins that differ from the profile, by role; each left out keeps the profile's.",
                            pin("relay", "Output driving the door relay."),
                            pin("greenLed", "Output lighting the green \"go\" LED."),
                            pin("redLed", "Output lighting the red \"refused\" LED."),
                            pin("fireAlarm", "Input from the fire panel's dry contact."),
                            pin("exitButton", "Input from the request-to-exit button."),
                            pin("doorContact", "Input from the door contact (closed to GND while the door is shut); given on a"
                                    + " profile without one, it adds one."),
                            pin("passageEntry", "Input from the entry rotation or passage sensor (pulls to GND per person);"
                                    + " given on a profile without one, it adds one."),
                            pin("passageExit", "Input from the exit rotation or passage sensor; given on a profile without one,"
                                    + " it adds one."),
                            pin("buzzer", "Output sounding the buzzer (HIGH = sounding); given on a profile without one, it adds one."),
                            pin("relayReadBack", "Input wired to the relay's normally-open contact (to GND, pull-up: LOW while the relay"
                                    + " is pulled in), for `selftest` to see the relay switch; the gate never reads it. No profile has"
                                    + " one; left out, selftest reports the relay as not read back.")),
                    optional("relayActiveHigh", new FieldType.Flag(), "",
                            "Whether driving the relay pin HIGH energises the relay; left out, the profile's."),
                    optional("lockFailMode", new FieldType.Choice(Arrays.stream(LockFailMode.values()).map(LockFailMode::configName).toList()),
                            "", "The state the lock takes without power: `fail-secure` (locked; strike, turnstile) or `fail-safe`"
                                    + " (free; magnetic lock); left out, the profile's."),
                    group("debounce", "How long an input must hold a level before it counts, by input; each left out keeps the"
                                    + " profile's (the fire alarm's is gate.fireAlarmDebounceMs).",
                            debounce("exitButtonMs", "The exit button."),
                            debounce("doorContactMs", "The door contact."),
                            debounce("passageEntryMs", "The entry rotation or passage sensor."),
                            debounce("passageExitMs", "The exit rotation or passage sensor."))),
            group("camera", "What the camera delivers and where from (docs/camera.md).",
                    withDefault("width", new FieldType.Whole(CameraConfig.WIDTH), (long) CameraConfig.DEFAULTS.width(),
                            "pixels", "Frame width; a multiple of 64 for kind `rpicam`."),
                    withDefault("height", new FieldType.Whole(CameraConfig.HEIGHT), (long) CameraConfig.DEFAULTS.height(),
                            "pixels", "Frame height; even for kind `rpicam`."),
                    withDefault("framesPerSecond", new FieldType.Whole(CameraConfig.FRAMES_PER_SECOND),
                            (long) CameraConfig.DEFAULTS.framesPerSecond(), "frames per second", "Frame rate."),
                    withDefault("buffers", new FieldType.Whole(CameraConfig.BUFFERS), (long) CameraConfig.DEFAULTS.buffers(),
                            "frames", "Frame buffers the source cycles through; three keep a 30 fps stream from allocating."),
                    Field.variants("source", "Where frames come from.",
                            new FieldType.Variant("v4l2", "A USB (UVC) camera through ffmpeg's V4L2 input, as grey frames.", List.of(
                                    withDefault("device", new FieldType.FilePath(PathRule.DEVICE), "/dev/video0", "",
                                            "The video device."))),
                            new FieldType.Variant("rpicam", "A Raspberry Pi camera module through rpicam-vid (YUV 4:2:0).", List.of(
                                    withDefault("camera", new FieldType.Whole(CameraSource.Rpicam.CAMERA), 0L, "",
                                            "The camera's index, as `rpicam-vid --list-cameras` shows it."))),
                            new FieldType.Variant("process", "Any command writing raw frames of the camera's size to stdout.", List.of(
                                    required("command", new FieldType.Words(CameraSource.Process.MAX_WORDS), "",
                                            "The program and its arguments, started without a shell."),
                                    withDefault("pixelFormat", new FieldType.Choice(Arrays.stream(CameraSource.PixelFormat.values())
                                                    .map(f -> f.name().toLowerCase(Locale.ROOT)).toList()), "gray", "",
                                            "How it lays out a frame: `gray` (one byte a pixel) or `yuv420` (I420; the luma kept)."))),
                            new FieldType.Variant("replay", "Recorded frames: a video file through ffmpeg, or a folder of PNG/JPEG images.", List.of(
                                    required("path", new FieldType.FilePath(PathRule.FILE_OR_FOLDER), "",
                                            "The video file, or the folder of images (taken in name order)."),
                                    withDefault("framesPerSecond", new FieldType.Whole(CameraConfig.FRAMES_PER_SECOND),
                                            (long) CameraConfig.DEFAULTS.framesPerSecond(), "frames per second",
                                            "The rate frames are delivered at."),
                                    withDefault("loop", new FieldType.Flag(), false, "",
                                            "Start again at the end; otherwise the source ends after the last frame."))),
                            new FieldType.Variant("synthetic", "Rendered scenes (the demo, tests).", List.of())),
                    Field.optionalGroup("regionOfInterest", "The part of the frame decoded; left out, the whole frame.",
                            required("x", new FieldType.Whole(RegionOfInterest.CORNER), "pixels", "Left edge, from the frame's left."),
                            required("y", new FieldType.Whole(RegionOfInterest.CORNER), "pixels", "Top edge, from the frame's top."),
                            required("width", new FieldType.Whole(RegionOfInterest.SIDE), "pixels", "Width; x + width within the frame."),
                            required("height", new FieldType.Whole(RegionOfInterest.SIDE), "pixels", "Height; y + height within the frame.")),
                    withDefault("watchdogMs", new FieldType.Whole(CameraConfig.WATCHDOG_MS), CameraConfig.DEFAULT_WATCHDOG.toMillis(),
                            MS, "No frame for this long restarts the camera process."),
                    group("restartBackoff", "The waits between camera process restarts: random up to min(max, initial × 2^(n-1)).",
                            withDefault("initialMs", new FieldType.Whole(RestartBackoff.INITIAL_MS),
                                    RestartBackoff.DEFAULTS.initial().toMillis(), MS, "The first restart's upper bound."),
                            withDefault("maxMs", new FieldType.Whole(RestartBackoff.MAX_MS),
                                    RestartBackoff.DEFAULTS.max().toMillis(), MS, "The cap; at least initialMs."),
                            withDefault("resetAfterMs", new FieldType.Whole(RestartBackoff.RESET_AFTER_MS),
                                    RestartBackoff.DEFAULTS.resetAfter().toMillis(), MS,
                                    "How long frames must flow before the count of restarts starts again."))),
            group("decoder", "The QR decoder.",
                    withDefault("tryHarder", new FieldType.Flag(), DecoderConfig.DEFAULTS.tryHarder(), "",
                            "Scan every row for finder patterns; read no more codes on test scenes and cost 5-10 % more."),
                    withDefault("maxImagePixels", new FieldType.Whole(DecoderConfig.MAX_IMAGE_PIXELS),
                            DecoderConfig.DEFAULTS.maxImagePixels(), "pixels",
                            "The largest image file `scan` decodes (width × height); larger files are refused unread.")),
            group("debounce", "When a code the camera keeps seeing is decided again; a different code is decided at once.",
                    withDefault("absenceMs", new FieldType.Whole(DebounceConfig.ABSENCE_MS),
                            DebounceConfig.DEFAULTS.absence().toMillis(), MS,
                            "How long a code must have been out of view before it counts as shown anew."),
                    withDefault("holdMs", new FieldType.Whole(DebounceConfig.HOLD_MS),
                            DebounceConfig.DEFAULTS.hold().toMillis(), MS,
                            "How long a code held in view without a break is decided again.")),
            group("gate", "How the gate answers a decision.",
                    withDefault("pulseMs", new FieldType.Whole(GateConfig.GRANT_PULSE_MS),
                            GateConfig.DEFAULTS.grantPulse().toMillis(), MS,
                            "How long the relay stays energised (and green lit) for a grant."),
                    withDefault("denyMs", new FieldType.Whole(GateConfig.DENY_SHOW_MS),
                            GateConfig.DEFAULTS.denyShow().toMillis(), MS, "How long red stays lit for a denial."),
                    withDefault("fireAlarmDebounceMs", new FieldType.Whole(GateConfig.FIRE_ALARM_DEBOUNCE_MS),
                            GateConfig.DEFAULTS.fireAlarmDebounce().toMillis(), MS,
                            "How long the fire-alarm input must hold a level before it counts (contact bounce)."),
                    withDefault("driver", new FieldType.Choice(Arrays.stream(GateDriver.values()).map(GateDriver::configName).toList()),
                            GateConfig.DEFAULTS.driver().configName(), "",
                            "`pi4j`: the Pi's GPIO; `simulated`: no hardware (a laptop, a demo)."),
                    withDefault("relayMode", new FieldType.Choice(Arrays.stream(RelayMode.values()).map(RelayMode::configName).toList()),
                            GateConfig.DEFAULTS.relayMode().configName(), "",
                            "`pulse`: released for pulseMs; `latch`: released until the passage or passageTimeoutMs (needs a"
                                    + " passage sensor or door contact)."),
                    withDefault("passageTimeoutMs", new FieldType.Whole(GateConfig.PASSAGE_TIMEOUT_MS),
                            GateConfig.DEFAULTS.passageTimeout().toMillis(), MS,
                            "How long after a grant its passage still counts; then it is logged `not_passed` (entrances with a"
                                    + " passage sensor or door contact)."),
                    withDefault("heldOpenMs", new FieldType.Whole(GateConfig.HELD_OPEN_MS),
                            GateConfig.DEFAULTS.heldOpen().toMillis(), MS,
                            "How long the door may stand open before the `held_open` alarm."),
                    withDefault("alarmMs", new FieldType.Whole(GateConfig.ALARM_HOLD_MS),
                            GateConfig.DEFAULTS.alarmHold().toMillis(), MS,
                            "How long the buzzer and red LED sound for a forced passage (a door forced or held open sounds until it closes)."),
                    withDefault("direction", new FieldType.Choice(Arrays.stream(Direction.values()).map(Direction::configName).toList()),
                            GateConfig.DEFAULTS.direction().configName(), "",
                            "Which way a scan at this terminal lets a person through (the exit button always lets out)."),
                    withDefault("antiPassbackMs", new FieldType.Whole(GateConfig.ANTI_PASSBACK_MS),
                            GateConfig.DEFAULTS.antiPassback().toMillis(), MS,
                            "How long a credential granted here is refused (`passback`) in the same direction; 0 turns it off."
                                    + " A grant nobody used (`not_passed`) is given back.")),
            group("credentials", "How credentials are verified.",
                    required("trustFile", new FieldType.FilePath(PathRule.FILE), "",
                            "The issuer public keys the terminal trusts (PEM, docs/credential-format.md)."),
                    withDefault("clockSkewMs", new FieldType.Whole(CredentialsConfig.CLOCK_SKEW_MS),
                            CredentialsConfig.DEFAULT_CLOCK_SKEW.toMillis(), MS,
                            "How far the terminal's clock may be off the issuer's when judging expiry and not-before.")),
            group("revocation", "The revocation list.",
                    optional("database", new FieldType.FilePath(PathRule.FILE_IN_FOLDER), "",
                            "The SQLite revocation store; left out, nothing is revoked."),
                    withDefault("busyTimeoutMs", new FieldType.Whole(RevocationConfig.BUSY_TIMEOUT_MS),
                            RevocationConfig.DEFAULT_BUSY_TIMEOUT.toMillis(), MS,
                            "How long a reader waits for the list writer before failing.")),
            group("scanlog", "The scan log: the SQLite outbox every decision is appended to (docs/telemetry.md).",
                    optional("database", new FieldType.FilePath(PathRule.FILE_IN_FOLDER), "",
                            "The outbox file, created if missing; left out, nothing decided is recorded."),
                    withDefault("maxBytes", new FieldType.Whole(ScanLogConfig.MAX_BYTES), ScanLogConfig.DEFAULT_MAX_BYTES,
                            "bytes", "The cap on the outbox's database pages (268435456 is 256 MiB): an alarm at 80 %; at the cap the oldest"
                                    + " rows already sent are deleted (unsent rows never are)."),
                    withDefault("retentionMs", new FieldType.Whole(ScanLogConfig.RETENTION_MS),
                            ScanLogConfig.DEFAULT_RETENTION.toMillis(), MS,
                            "How long a sent row stays for `limen agent log tail`; 604800000 is 7 days."),
                    withDefault("queueCapacity", new FieldType.Whole(ScanLogConfig.QUEUE_CAPACITY),
                            (long) ScanLogConfig.DEFAULT_QUEUE_CAPACITY, "decisions",
                            "The hand-off to the writer thread; a decision offered to a full one is counted and alarmed."),
                    withDefault("memoryRecords", new FieldType.Whole(ScanLogConfig.MEMORY_RECORDS),
                            (long) ScanLogConfig.DEFAULT_MEMORY_RECORDS, "decisions",
                            "Decisions held in memory while the file cannot be written; past it the oldest are dropped."),
                    withDefault("busyTimeoutMs", new FieldType.Whole(ScanLogConfig.BUSY_TIMEOUT_MS),
                            ScanLogConfig.DEFAULT_BUSY_TIMEOUT.toMillis(), MS,
                            "How long a write waits for another connection's lock before the batch is retried.")),
            Field.optionalGroup("uplink", "The MQTT 5 link that sends the scan log to the central broker in batches, with status"
                            + " and alarms (docs/telemetry.md); left out, nothing is sent.",
                    required("brokerUri", new FieldType.Name(), "",
                            "`tcp://host:port`, or `ssl://host:port` with a `caFile`; the port is required."),
                    withDefault("clientId", new FieldType.Name(), UplinkConfig.DEFAULT_CLIENT_ID, "",
                            "The MQTT client identifier; `{site}` and `{terminal}` are the terminal section's names."),
                    withDefault("topicPrefix", new FieldType.Name(), UplinkConfig.DEFAULT_TOPIC_PREFIX, "",
                            "Every topic's prefix (`.../scans`, `.../status`, `.../heartbeat`, `.../alarms`); `{site}` and"
                                    + " `{terminal}` as for clientId; no `+`, `#` or empty levels."),
                    optional("caFile", new FieldType.FilePath(PathRule.FILE), "",
                            "The PEM file of the CA(s) the broker's certificate must chain to; required with `ssl://`, refused"
                                    + " with `tcp://`."),
                    withDefault("connectTimeoutMs", new FieldType.Whole(UplinkConfig.TIMEOUT_MS),
                            UplinkConfig.DEFAULT_CONNECT_TIMEOUT.toMillis(), MS, "How long one connect may wait for its CONNACK."),
                    withDefault("publishTimeoutMs", new FieldType.Whole(UplinkConfig.TIMEOUT_MS),
                            UplinkConfig.DEFAULT_PUBLISH_TIMEOUT.toMillis(), MS,
                            "How long a batch may wait for its PUBACK before it is kept and sent again later."),
                    withDefault("sessionExpiryMs", new FieldType.Whole(new Range(UplinkConfig.SESSION_EXPIRY_S.min() * 1000,
                                    UplinkConfig.SESSION_EXPIRY_S.max() * 1000)), UplinkConfig.DEFAULT_SESSION_EXPIRY.toMillis(), MS,
                            "How long the broker keeps the MQTT session after the connection ends; whole seconds (MQTT 5 carries seconds)."),
                    withDefault("backoffInitialMs", new FieldType.Whole(UplinkConfig.BACKOFF_INITIAL_MS),
                            UplinkConfig.DEFAULT_BACKOFF_INITIAL.toMillis(), MS,
                            "The first reconnect wait's upper bound; the n-th waits random up to min(max, initial × 2^(n-1))."),
                    withDefault("backoffMaxMs", new FieldType.Whole(UplinkConfig.BACKOFF_MAX_MS),
                            UplinkConfig.DEFAULT_BACKOFF_MAX.toMillis(), MS, "The cap of every reconnect wait; at least backoffInitialMs."),
                    withDefault("backoffResetMs", new FieldType.Whole(UplinkConfig.BACKOFF_RESET_MS),
                            UplinkConfig.DEFAULT_BACKOFF_RESET.toMillis(), MS,
                            "How long a connection must stay up before the count of failures starts again."),
                    withDefault("maxInFlight", new FieldType.Whole(UplinkConfig.MAX_IN_FLIGHT),
                            (long) UplinkConfig.DEFAULT_MAX_IN_FLIGHT, "batches",
                            "Batches published and not yet acknowledged at once, in sequence order."),
                    withDefault("heartbeatMs", new FieldType.Whole(UplinkConfig.HEARTBEAT_MS),
                            UplinkConfig.DEFAULT_HEARTBEAT.toMillis(), MS, "The time between two status heartbeats."),
                    withDefault("maxBatchesPerMinute", new FieldType.Whole(UplinkConfig.MAX_BATCHES_PER_MINUTE),
                            (long) UplinkConfig.DEFAULT_MAX_BATCHES_PER_MINUTE, "batches/min",
                            "The most batches sent per minute, at an even pace (two batches at least 60 s / this apart),"
                                    + " so the backlog left by an outage drains at a capped rate; the centre's throttle wins when"
                                    + " lower."),
                    group("batch", "When a batch of scans closes (by count or age, whichever first) and how it is encoded.",
                            withDefault("maxRecords", new FieldType.Whole(BatchConfig.MAX_RECORDS),
                                    (long) BatchConfig.DEFAULTS.maxRecords(), "scans", "A batch closes when it holds this many scans."),
                            withDefault("maxAgeMs", new FieldType.Whole(BatchConfig.MAX_AGE_MS),
                                    BatchConfig.DEFAULTS.maxAge().toMillis(), MS,
                                    "A batch closes when its oldest scan has waited this long; 300000 is 5 minutes."),
                            withDefault("gzipAboveBytes", new FieldType.Whole(BatchConfig.GZIP_ABOVE_BYTES),
                                    (long) BatchConfig.DEFAULTS.gzipAboveBytes(), "bytes",
                                    "A batch whose JSON is longer than this is sent gzip-compressed (0: always)."))),
            group("paths", "Where the agent keeps its files.",
                    withDefault("state", new FieldType.FilePath(PathRule.FOLDER), PathsConfig.DEFAULTS.state().toString(), "",
                            "The folder of the agent's state (scan log, synced lists)."),
                    withDefault("logs", new FieldType.FilePath(PathRule.FOLDER), PathsConfig.DEFAULTS.logs().toString(), "",
                            "The folder of the agent's log files when it does not log to the journal.")),
            group("logging", "What the agent logs.",
                    withDefault("level", new FieldType.Choice(Arrays.stream(LogLevel.values()).map(LogLevel::configName).toList()),
                            LoggingConfig.DEFAULTS.level().configName(), "", "The least severe level the agent writes; applied when run starts (a reload keeps it).")),
            group("policy", "What this entrance asks beyond a valid credential for its zone: dynamic codes, opening hours.",
                    withDefault("presentationWindowMs", new FieldType.Whole(PolicyConfig.PRESENTATION_WINDOW_MS),
                            PolicyConfig.DEFAULT_PRESENTATION_WINDOW.toMillis(), MS,
                            "How far a dynamic code's signing time may be from the terminal's clock, either way; older codes are"
                                    + " refused as `presentation_expired` (a screenshot), and a code is refused as `replayed` when shown twice within it."),
                    withDefault("dynamicCodesOnly", new FieldType.Flag(), PolicyConfig.DEFAULTS.dynamicCodesOnly(), "",
                            "Refuse static credentials (`LP1:`) as `static_not_allowed`: holders must show a fresh dynamic code (`LQ1:`)."),
                    Field.optionalGroup("schedule", "When the entrance admits anyone; left out, always. Outside it: `outside_schedule`.",
                            required("timeZone", new FieldType.Name(), "",
                                    "The IANA time zone the windows and holidays are in, such as `Europe/Berlin`."),
                            required("open", new FieldType.Words(Schedule.MAX_WINDOWS), "",
                                    "Weekly windows, each `DAYS HH:MM-HH:MM` (start inclusive, end exclusive, up to `24:00`):"
                                            + " `mon-fri 07:00-19:00`, `sat,sun 10:00-14:00`."),
                            optional("holidays", new FieldType.Words(Schedule.MAX_HOLIDAYS), "",
                                    "Dates (`YYYY-MM-DD`, in the time zone) on which the entrance is closed all day."))),
            group("lists", "Signed trust and revocation lists (docs/lists.md), and what this entrance does when they are stale or its clock is not trusted.",
                    optional("signers", new FieldType.FilePath(PathRule.FILE), "",
                            "The list-signing public keys (PEM), not the issuer keys. With it the terminal keeps its revocation store"
                                    + " itself (a Bloom filter in memory) and takes the updates `limen agent lists import` writes to it."),
                    optional("dropFolder", new FieldType.FilePath(PathRule.FOLDER), "",
                            "A folder a technician drops signed list documents into (with `signers`); each is applied within seconds"
                                    + " and moved to `applied/` or `refused/` inside it."),
                    withDefault("maxAgeMs", new FieldType.Whole(ListsConfig.MAX_AGE_MS), ListsConfig.DEFAULT_MAX_AGE.toMillis(), MS,
                            "How old the older list may be, from its signed issue time, before `whenStale` applies; 172800000 is 48 h."),
                    withDefault("whenStale", new FieldType.Choice(DEGRADED), ListsConfig.DEFAULTS.whenStale().configName(), "",
                            "Past `maxAgeMs`: `admit-with-warning` (admit, and say so in the log), `admit-issued-before` (admit only"
                                    + " credentials issued before the lists' time; others `lists_stale`), or `refuse` (`lists_stale`)."),
                    withDefault("whenClockUnsynced", new FieldType.Choice(DEGRADED), ListsConfig.DEFAULTS.whenClockUnsynced().configName(), "",
                            "While the clock is not trusted (not synchronised since boot, or behind the newest trusted time seen):"
                                    + " `admit-with-warning`, `admit-issued-before` (credentials issued before the trusted time), or `refuse` (`clock_unsynced`)."),
                    withDefault("snapshotTimeoutMs", new FieldType.Whole(ListsConfig.SNAPSHOT_TIMEOUT_MS),
                            ListsConfig.DEFAULT_SNAPSHOT_TIMEOUT.toMillis(), MS,
                            "How long a revocation snapshot arriving over MQTT may wait for its next chunk; past it the partial"
                                    + " snapshot is dropped (`snapshot_timeout` in status), the lists held stay, and its chunks are"
                                    + " taken afresh when they come again; 300000 is 5 minutes."),
                    withDefault("topicPrefix", new FieldType.Name(), ListsConfig.DEFAULT_TOPIC_PREFIX, "",
                            "The prefix of the site's list topics over MQTT (`.../trust`, `.../revocations/...`); `{site}` and"
                                    + " `{terminal}` as for `uplink.clientId`; no `+`, `#` or empty levels. Publish with"
                                    + " `publish-lists --topic-prefix` when it is not the default.")),
            group("display", "The entrance display.",
                    withDefault("language", new FieldType.Choice(Arrays.stream(DisplayConfig.Language.values()).map(DisplayConfig.Language::configName).toList()),
                            DisplayConfig.DEFAULTS.language().configName(), "",
                            "The language of the texts shown at the entrance: `en` or `zh` (Simplified Chinese). A character LCD"
                                    + " (HD44780) has no Chinese glyphs in its ROM and shows English whatever this says; the log keeps reason codes."),
                    withDefault("type", new FieldType.Choice(Arrays.stream(DisplayConfig.Type.values()).map(DisplayConfig.Type::configName).toList()),
                            DisplayConfig.DEFAULTS.type().configName(), "",
                            "Which display shows the decisions: `auto` (the board profile's LCD when it has one, else the journal),"
                                    + " `journal` (no screen: the log), `lcd` (the board's HD44780 LCD; the profile must have one) or `oled`"
                                    + " (an SSD1306 128x64 OLED at display.oled). Screens need gate.driver `pi4j`; on simulated pins the journal shows."),
                    withDefault("font", new FieldType.FilePath(PathRule.FILE_READ_LATER), DisplayConfig.UNIFONT.toString(), "",
                            "The OLED's bitmap font: GNU Unifont's `.hex` file from Debian's `unifont` package (`apt-get install unifont`),"
                                    + " at most 8 MiB. Missing or malformed, the OLED logs why and shows English with built-in glyphs."),
                    group("oled", "Where the OLED is (display.type `oled`).",
                            withDefault("bus", new FieldType.Whole(OledWiring.BUS), (long) OledWiring.DEFAULTS.bus(), "",
                                    "The Pi's I2C bus (1 is BCM 2/3 on the header)."),
                            withDefault("address", new FieldType.Choice(List.of("0x3C", "0x3D")), "0x3C", "",
                                    "The SSD1306's 7-bit address: `0x3C` (its SA0 pin low, most modules) or `0x3D`.")))));

    private static DisplayConfig display(Values x) {
        return new DisplayConfig(DisplayConfig.Language.fromConfigName(x.text("display.language"))
                .orElseThrow(() -> new IllegalStateException("a choice the table does not declare: " + x.text("display.language"))),
                DisplayConfig.Type.fromConfigName(x.text("display.type"))
                        .orElseThrow(() -> new IllegalStateException("a choice the table does not declare: " + x.text("display.type"))),
                new OledWiring(x.intValue("display.oled.bus"), Integer.parseInt(x.text("display.oled.address").substring(2), 16)),
                x.path("display.font"));
    }

    private static ListsConfig.Degraded degraded(String name) {
        return ListsConfig.Degraded.fromConfigName(name).orElseThrow(() -> new IllegalStateException("a choice the table does not declare: " + name));
    }

    private ConfigModel() {
    }

    private static Field debounce(String key, String doc) {
        return optional(key, new FieldType.Whole(InputWiring.DEBOUNCE_MS), MS, doc);
    }

    private static Field pin(String role, String doc) {
        return optional(role, new FieldType.Whole(BoardProfile.BCM_PIN), "BCM GPIO", doc);
    }

    /** The configuration the values describe, or empty when a section broke a rule (then {@link Values#rejections}). */
    static Optional<AgentConfig> build(Values v) {
        TerminalConfig terminal = v.section("terminal", ConfigModel::terminal);
        BoardProfile board = v.section("board", ConfigModel::board);
        CameraConfig camera = v.section("camera", ConfigModel::camera);
        DecoderConfig decoder = v.section("decoder", x -> new DecoderConfig(x.flag("decoder.tryHarder"), x.whole("decoder.maxImagePixels")));
        DebounceConfig debounce = v.section("debounce", x -> new DebounceConfig(x.millis("debounce.absenceMs"), x.millis("debounce.holdMs")));
        GateConfig gate = v.section("gate", x -> new GateConfig(x.millis("gate.pulseMs"), x.millis("gate.denyMs"),
                x.millis("gate.fireAlarmDebounceMs"), GateDriver.valueOf(x.text("gate.driver").toUpperCase(java.util.Locale.ROOT)),
                RelayMode.valueOf(x.text("gate.relayMode").toUpperCase(Locale.ROOT)), x.millis("gate.passageTimeoutMs"),
                x.millis("gate.heldOpenMs"), x.millis("gate.alarmMs"),
                Direction.valueOf(x.text("gate.direction").toUpperCase(Locale.ROOT)), x.millis("gate.antiPassbackMs")));
        CredentialsConfig credentials = v.section("credentials",
                x -> new CredentialsConfig(x.path("credentials.trustFile"), x.millis("credentials.clockSkewMs")));
        RevocationConfig revocation = v.section("revocation",
                x -> new RevocationConfig(x.optional("revocation.database", Path.class), x.millis("revocation.busyTimeoutMs")));
        ScanLogConfig scanLog = v.section("scanlog", x -> new ScanLogConfig(x.optional("scanlog.database", Path.class),
                x.whole("scanlog.maxBytes"), x.millis("scanlog.retentionMs"), x.intValue("scanlog.queueCapacity"),
                x.intValue("scanlog.memoryRecords"), x.millis("scanlog.busyTimeoutMs")));
        Optional<UplinkConfig> uplink = v.position("uplink").isEmpty() ? Optional.empty()
                : Optional.ofNullable(v.section("uplink", x -> uplink(x, terminal)));
        if (uplink.isPresent() && scanLog != null && scanLog.database().isEmpty()) {
            v.reject("uplink", "an uplink sends the scan log — set scanlog.database too");
            uplink = Optional.empty();
        }
        PathsConfig paths = v.section("paths", x -> new PathsConfig(x.path("paths.state"), x.path("paths.logs")));
        LoggingConfig logging = v.section("logging",
                x -> new LoggingConfig(LogLevel.valueOf(x.text("logging.level").toUpperCase(java.util.Locale.ROOT))));
        PolicyConfig policy = v.section("policy", ConfigModel::policy);
        ListsConfig lists = v.section("lists", x -> new ListsConfig(x.optional("lists.signers", Path.class),
                x.optional("lists.dropFolder", Path.class), x.millis("lists.maxAgeMs"),
                degraded(x.text("lists.whenStale")), degraded(x.text("lists.whenClockUnsynced")), x.millis("lists.snapshotTimeoutMs"),
                x.text("lists.topicPrefix")));
        DisplayConfig display = v.section("display", ConfigModel::display);
        if (display != null && board != null && display.type() == DisplayConfig.Type.LCD && board.lcd().isEmpty()) {
            v.reject("display.type", "lcd — board profile " + board.name() + " has no LCD (generic-2relay-lcd has one);"
                    + " choose oled, journal or auto");
            display = null;
        }
        if (terminal == null || board == null || camera == null || decoder == null || debounce == null || gate == null
                || credentials == null || revocation == null || scanLog == null || paths == null || logging == null
                || policy == null || v.position("uplink").isPresent() && uplink.isEmpty() || lists == null || display == null) {
            return Optional.empty();
        }
        return Optional.of(new AgentConfig(terminal, board, camera, decoder, debounce, gate, credentials, revocation, paths, logging,
                scanLog, policy, uplink, lists, display));
    }

    /**
     * The uplink section, its templates filled with the terminal's names; with a broken terminal section
     * (reported there) the default names stand in, so the uplink's own mistakes are still all reported.
     */
    private static UplinkConfig uplink(Values v, TerminalConfig given) {
        TerminalConfig terminal = given != null ? given : TerminalConfig.ofZone(Optional.empty());
        BatchConfig batch = new BatchConfig(v.intValue("uplink.batch.maxRecords"), v.millis("uplink.batch.maxAgeMs"),
                v.intValue("uplink.batch.gzipAboveBytes"));
        return new UplinkConfig(v.text("uplink.brokerUri"), UplinkConfig.expand(v.text("uplink.clientId"), terminal),
                UplinkConfig.expand(v.text("uplink.topicPrefix"), terminal), v.millis("uplink.connectTimeoutMs"),
                v.millis("uplink.publishTimeoutMs"), v.millis("uplink.backoffInitialMs"), v.millis("uplink.backoffMaxMs"),
                v.millis("uplink.backoffResetMs"), v.optional("uplink.caFile", Path.class),
                v.millis("uplink.sessionExpiryMs"), v.intValue("uplink.maxInFlight"),
                v.millis("uplink.heartbeatMs"), batch, v.intValue("uplink.maxBatchesPerMinute"));
    }

    private static PolicyConfig policy(Values v) {
        Optional<Schedule> schedule = Optional.empty();
        if (v.position("policy.schedule").isPresent()) {
            ZoneId zone = null;
            try {
                zone = ZoneId.of(v.text("policy.schedule.timeZone"));
            } catch (DateTimeException e) {
                v.reject("policy.schedule.timeZone", "\"" + v.text("policy.schedule.timeZone")
                        + "\" is not an IANA time zone (such as Europe/Berlin or America/New_York)");
            }
            List<WeeklyWindow> open = new ArrayList<>();
            for (String window : v.words("policy.schedule.open")) {
                try {
                    open.add(WeeklyWindow.parse(window));
                } catch (IllegalArgumentException e) {
                    v.reject("policy.schedule.open", e.getMessage());
                }
            }
            Set<LocalDate> holidays = new HashSet<>();
            for (Object date : v.optional("policy.schedule.holidays", List.class).orElse(List.of())) {
                try {
                    holidays.add(LocalDate.parse(date.toString()));
                } catch (DateTimeException e) {
                    v.reject("policy.schedule.holidays", "\"" + date + "\" must be a date YYYY-MM-DD");
                }
            }
            if (zone == null || v.rejections().stream().anyMatch(r -> r.path().startsWith("policy."))) {
                return null;
            }
            schedule = Optional.of(new Schedule(zone, open, holidays));
        }
        return new PolicyConfig(v.millis("policy.presentationWindowMs"), v.flag("policy.dynamicCodesOnly"), schedule);
    }

    private static TerminalConfig terminal(Values v) {
        return new TerminalConfig(v.text("terminal.site"), v.text("terminal.id"), v.optional("terminal.zone", String.class));
    }

    private static CameraConfig camera(Values v) {
        CameraSource source = switch (v.text("camera.source.kind")) {
            case "v4l2" -> new CameraSource.V4l2(v.path("camera.source.device"));
            case "rpicam" -> new CameraSource.Rpicam(v.intValue("camera.source.camera"));
            case "process" -> new CameraSource.Process(v.words("camera.source.command"),
                    CameraSource.PixelFormat.valueOf(v.text("camera.source.pixelFormat").toUpperCase(Locale.ROOT)));
            case "replay" -> new CameraSource.Replay(v.path("camera.source.path"), v.intValue("camera.source.framesPerSecond"),
                    v.flag("camera.source.loop"));
            case "synthetic" -> new CameraSource.Synthetic();
            default -> throw new IllegalStateException("a kind the table does not declare: " + v.text("camera.source.kind"));
        };
        Optional<RegionOfInterest> region = v.position("camera.regionOfInterest").isEmpty() ? Optional.empty()
                : Optional.of(new RegionOfInterest(v.intValue("camera.regionOfInterest.x"), v.intValue("camera.regionOfInterest.y"),
                        v.intValue("camera.regionOfInterest.width"), v.intValue("camera.regionOfInterest.height")));
        RestartBackoff backoff = new RestartBackoff(v.millis("camera.restartBackoff.initialMs"),
                v.millis("camera.restartBackoff.maxMs"), v.millis("camera.restartBackoff.resetAfterMs"));
        return new CameraConfig(v.intValue("camera.width"), v.intValue("camera.height"), v.intValue("camera.framesPerSecond"),
                v.intValue("camera.buffers"), source, region, v.millis("camera.watchdogMs"), backoff);
    }

    /** The roles under {@code board.pins}, in the order clashes are checked (the profile's record order). */
    private static final List<String> PIN_ROLES = List.of("relay", "greenLed", "redLed", "fireAlarm", "exitButton", "doorContact",
            "passageEntry", "passageExit", "buzzer", "relayReadBack");

    /** The profile with the file's overrides; a pin that two roles would share is rejected where the file gives it. */
    private static BoardProfile board(Values v) {
        BoardProfile profile = BoardProfiles.byName(v.text("board.profile"));
        List<String> roles = PIN_ROLES;
        Integer[] profilePins = {profile.relayPin(), profile.greenLedPin(), profile.redLedPin(), profile.fireAlarmPin(),
                profile.exitButtonPin(), inputPin(profile, BoardInput.DOOR_CONTACT), inputPin(profile, BoardInput.PASSAGE_ENTRY),
                inputPin(profile, BoardInput.PASSAGE_EXIT), profile.buzzerPin().isPresent() ? profile.buzzerPin().getAsInt() : null,
                profile.relayReadBackPin().isPresent() ? profile.relayReadBackPin().getAsInt() : null};
        Integer[] pins = new Integer[roles.size()];
        Map<Integer, String> roleOfPin = new HashMap<>();
        for (int i = 0; i < pins.length; i++) {
            String path = "board.pins." + roles.get(i);
            pins[i] = v.optional(path, Long.class).map(Math::toIntExact).orElse(profilePins[i]);
            if (pins[i] != null) {
                v.resolve(path, (long) pins[i]);
            }
        }
        // Overridden pins last, so a clash is reported at a key the file wrote, naming the other role.
        Integer[] order = new Integer[roles.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Boolean.compare(v.position("board.pins." + roles.get(a)).isPresent(),
                v.position("board.pins." + roles.get(b)).isPresent()));
        for (int i : order) {
            if (pins[i] == null) {
                continue;
            }
            String other = roleOfPin.putIfAbsent(pins[i], roles.get(i));
            if (other != null) {
                String otherPath = "board.pins." + other;
                String whence = v.position(otherPath).map(p -> "line " + p.line()).orElse("profile " + profile.name());
                v.reject("board.pins." + roles.get(i), pins[i] + " — already the pin of " + otherPath + " (" + whence
                        + "); each role needs its own pin");
            }
        }
        boolean activeHigh = v.optional("board.relayActiveHigh", Boolean.class).orElse(profile.relayActiveHigh());
        v.resolve("board.relayActiveHigh", activeHigh);
        LockFailMode failMode = v.optional("board.lockFailMode", String.class)
                .map(name -> LockFailMode.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'))).orElse(profile.lockFailMode());
        v.resolve("board.lockFailMode", failMode.configName());
        Map<BoardInput, InputWiring> inputs = new java.util.EnumMap<>(BoardInput.class);
        for (int i = 3; i <= 7; i++) {
            BoardInput input = BoardInput.values()[i - 3];
            String debouncePath = "board.debounce." + roles.get(i) + "Ms";
            if (pins[i] == null) {
                if (v.position(debouncePath).isPresent()) {
                    v.reject(debouncePath, "given, but the board has no " + input.label() + " (add board.pins." + roles.get(i) + ")");
                }
                continue;
            }
            InputWiring wiring = profile.input(input).orElseGet(() -> defaultWiring(input)).withPin(pins[i]);
            if (input != BoardInput.FIRE_ALARM) {
                wiring = wiring.withDebounce(v.optional(debouncePath, Long.class).map(Duration::ofMillis).orElse(wiring.debounce()));
                v.resolve(debouncePath, wiring.debounce().toMillis());
            }
            inputs.put(input, wiring);
        }
        BoardProfile board = new BoardProfile(profile.name(), pins[0], pins[1], pins[2], activeHigh, failMode,
                pins[8] == null ? OptionalInt.empty() : OptionalInt.of(pins[8]), inputs, profile.lcd(),
                pins[9] == null ? OptionalInt.empty() : OptionalInt.of(pins[9]));
        return board;
    }

    private static Integer inputPin(BoardProfile profile, BoardInput input) {
        return profile.input(input).map(InputWiring::pin).orElse(null);
    }

    /** The wiring of an input the file adds to a profile without it: the usual contacts to GND with the pull-up. */
    private static InputWiring defaultWiring(BoardInput input) {
        return switch (input) {
            case DOOR_CONTACT -> InputWiring.normallyClosed(0, Duration.ofMillis(50));
            case PASSAGE_ENTRY, PASSAGE_EXIT -> InputWiring.normallyOpen(0, Duration.ofMillis(5));
            case FIRE_ALARM -> InputWiring.normallyClosed(0, BoardProfile.DEFAULT_FIRE_ALARM_DEBOUNCE);
            case EXIT_BUTTON -> InputWiring.normallyOpen(0, BoardProfile.DEFAULT_CONTACT_DEBOUNCE);
        };
    }
}
