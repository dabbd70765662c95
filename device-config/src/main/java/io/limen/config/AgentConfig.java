package io.limen.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The whole configuration of one terminal, one record per stage; every default is in those records.
 * Built by the YAML loader ({@code io.limen.config.yaml.ConfigFile}) on a terminal, by {@code scan} and
 * {@code demo} from their options.
 */
public record AgentConfig(
        TerminalConfig terminal,
        BoardProfile board,
        CameraConfig camera,
        DecoderConfig decoder,
        DebounceConfig debounce,
        GateConfig gate,
        CredentialsConfig credentials,
        RevocationConfig revocation,
        PathsConfig paths,
        LoggingConfig logging,
        ScanLogConfig scanLog,
        PolicyConfig policy,
        Optional<UplinkConfig> uplink,
        ListsConfig lists) {

    public AgentConfig {
        Checks.present("terminal", terminal);
        Checks.present("board", board);
        Checks.present("camera", camera);
        Checks.present("decoder", decoder);
        Checks.present("debounce", debounce);
        Checks.present("gate", gate);
        Checks.present("credentials", credentials);
        Checks.present("revocation", revocation);
        Checks.present("paths", paths);
        Checks.present("logging", logging);
        Checks.present("scanlog", scanLog);
        Checks.present("policy", policy);
        Checks.present("uplink", uplink);
        Checks.present("lists", lists);
    }

    /** Without a lists section: lists as before, the default staleness and clock policy. */
    public AgentConfig(TerminalConfig terminal, BoardProfile board, CameraConfig camera, DecoderConfig decoder, DebounceConfig debounce,
                       GateConfig gate, CredentialsConfig credentials, RevocationConfig revocation, PathsConfig paths,
                       LoggingConfig logging, ScanLogConfig scanLog, PolicyConfig policy, Optional<UplinkConfig> uplink) {
        this(terminal, board, camera, decoder, debounce, gate, credentials, revocation, paths, logging, scanLog, policy, uplink,
                ListsConfig.DEFAULTS);
    }

    /** Without an uplink section: nothing is sent. */
    public AgentConfig(TerminalConfig terminal, BoardProfile board, CameraConfig camera, DecoderConfig decoder, DebounceConfig debounce,
                       GateConfig gate, CredentialsConfig credentials, RevocationConfig revocation, PathsConfig paths,
                       LoggingConfig logging, ScanLogConfig scanLog, PolicyConfig policy) {
        this(terminal, board, camera, decoder, debounce, gate, credentials, revocation, paths, logging, scanLog, policy, Optional.empty());
    }

    /** Without a policy section: static codes welcome, the default window, always open. */
    public AgentConfig(TerminalConfig terminal, BoardProfile board, CameraConfig camera, DecoderConfig decoder, DebounceConfig debounce,
                       GateConfig gate, CredentialsConfig credentials, RevocationConfig revocation, PathsConfig paths,
                       LoggingConfig logging, ScanLogConfig scanLog) {
        this(terminal, board, camera, decoder, debounce, gate, credentials, revocation, paths, logging, scanLog, PolicyConfig.DEFAULTS);
    }

    /** Every default: any zone, the Limen HAT, no revocation store, no scan log, no uplink; only the trust file has none. */
    public static AgentConfig defaults(Path trustFile) {
        return new AgentConfig(TerminalConfig.ofZone(Optional.empty()), BoardProfiles.LIMEN_HAT_V1,
                CameraConfig.DEFAULTS, DecoderConfig.DEFAULTS, DebounceConfig.DEFAULTS, GateConfig.DEFAULTS,
                new CredentialsConfig(trustFile), RevocationConfig.NONE, PathsConfig.DEFAULTS, LoggingConfig.DEFAULTS,
                ScanLogConfig.NONE);
    }

    public AgentConfig withTerminal(TerminalConfig value) {
        return new AgentConfig(value, board, camera, decoder, debounce, gate, credentials, revocation, paths, logging, scanLog, policy, uplink, lists);
    }

    public AgentConfig withBoard(BoardProfile value) {
        return new AgentConfig(terminal, value, camera, decoder, debounce, gate, credentials, revocation, paths, logging, scanLog, policy);
    }

    public AgentConfig withCamera(CameraConfig value) {
        return new AgentConfig(terminal, board, value, decoder, debounce, gate, credentials, revocation, paths, logging, scanLog, policy, uplink, lists);
    }

    public AgentConfig withDecoder(DecoderConfig value) {
        return new AgentConfig(terminal, board, camera, value, debounce, gate, credentials, revocation, paths, logging, scanLog, policy, uplink, lists);
    }

    public AgentConfig withDebounce(DebounceConfig value) {
        return new AgentConfig(terminal, board, camera, decoder, value, gate, credentials, revocation, paths, logging, scanLog, policy, uplink, lists);
    }

    public AgentConfig withGate(GateConfig value) {
        return new AgentConfig(terminal, board, camera, decoder, debounce, value, credentials, revocation, paths, logging, scanLog, policy, uplink, lists);
    }

    public AgentConfig withCredentials(CredentialsConfig value) {
        return new AgentConfig(terminal, board, camera, decoder, debounce, gate, value, revocation, paths, logging, scanLog, policy, uplink, lists);
    }

    public AgentConfig withRevocation(RevocationConfig value) {
        return new AgentConfig(terminal, board, camera, decoder, debounce, gate, credentials, value, paths, logging, scanLog, policy, uplink, lists);
    }

    public AgentConfig withPaths(PathsConfig value) {
        return new AgentConfig(terminal, board, camera, decoder, debounce, gate, credentials, revocation, value, logging, scanLog, policy, uplink, lists);
    }

    public AgentConfig withPolicy(PolicyConfig value) {
        return new AgentConfig(terminal, board, camera, decoder, debounce, gate, credentials, revocation, paths, logging, scanLog, value, uplink, lists);
    }

    public AgentConfig withUplink(Optional<UplinkConfig> value) {
        return new AgentConfig(terminal, board, camera, decoder, debounce, gate, credentials, revocation, paths, logging, scanLog, policy, value, lists);
    }

    public AgentConfig withScanLog(ScanLogConfig value) {
        return new AgentConfig(terminal, board, camera, decoder, debounce, gate, credentials, revocation, paths, logging, value, policy, uplink, lists);
    }

    public AgentConfig withLists(ListsConfig value) {
        return new AgentConfig(terminal, board, camera, decoder, debounce, gate, credentials, revocation, paths, logging, scanLog, policy,
                uplink, value);
    }
}
