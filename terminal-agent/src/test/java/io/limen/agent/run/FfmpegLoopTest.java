package io.limen.agent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.HardwareSeams;
import io.limen.agent.Terminal;
import io.limen.agent.camera.CameraCounters;
import io.limen.agent.camera.CameraSources;
import io.limen.agent.display.RecordingDisplay;
import io.limen.agent.gate.GateCommand;
import io.limen.agent.gate.GpioContexts;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.time.ExecutorScheduler;
import io.limen.agent.time.SystemWallClock;
import io.limen.config.AgentConfig;
import io.limen.config.CameraConfig;
import io.limen.config.CameraSource;
import io.limen.config.TerminalConfig;
import io.limen.format.Reason;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.credential.Claims;
import io.limen.format.credential.CredentialId;
import io.limen.format.credential.CredentialIssuer;
import io.limen.format.credential.IssuerKey;
import io.limen.provisioning.QrImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole live loop against a real camera process: ffmpeg moves a QR code issued with the fleet
 * tools across a test pattern and writes raw grey frames; the camera-process source reads them, the
 * latest-frame exchange hands them to the admit thread, and the gate grants. (A camera process that
 * exits is restarted, as a camera's should be, so the run is stopped once the grant is seen.)
 */
class FfmpegLoopTest {

    @TempDir
    Path dir;

    @Test
    void ffmpegShowingAnIssuedPass_isGrantedOnce_byTheRunLoop() throws Exception {
        IssuerKey key = IssuerKey.generate(CoseAlgorithm.EDDSA, new SecureRandom());
        Instant now = Instant.now();
        String pass = new CredentialIssuer(key).issue(new Claims("https://issuer.example", "holder-7", now.minusSeconds(60), Optional.empty(),
                now.plus(Duration.ofDays(1)), CredentialId.fromHex("0102030405060708"), Optional.empty(), List.of("lobby"), Optional.of("Ada")));
        Path png = Files.write(dir.resolve("pass.png"), QrImage.png(pass));
        Path trust = Files.writeString(dir.resolve("trust.pem"), key.publicKeyPem());
        CameraConfig camera = new CameraConfig(640, 480, 30, 3).withSource(new CameraSource.Process(List.of(
                "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                "-f", "lavfi", "-i", "testsrc=size=640x480:rate=30", "-i", png.toString(),
                "-filter_complex", "[1]scale=360:-1[q];[0][q]overlay=x=20+40*t:y=60", "-frames:v", "30",
                "-pix_fmt", "gray", "-f", "rawvideo", "-"), CameraSource.PixelFormat.GRAY));
        AgentConfig config = AgentConfig.defaults(trust).withTerminal(new TerminalConfig("hq", "door-1", Optional.of("lobby")))
                .withCamera(camera);
        ExecutorScheduler scheduler = new ExecutorScheduler("scheduler");
        CameraCounters counters = new CameraCounters();
        HardwareSeams seams = new HardwareSeams(CameraSources.open(camera, scheduler, counters, () -> {
            throw new AssertionError("not synthetic");
        }, file -> {
            throw new IOException("no images");
        }), GpioContexts.simulated(), new RecordingDisplay(), SystemWallClock.trustingSystemClock(), scheduler, SqliteConnections::readOnly);
        List<GateCommand> commands = new CopyOnWriteArrayList<>();
        CountDownLatch commanded = new CountDownLatch(1);
        TerminalRun run = new TerminalRun(Terminal.assemble(config, seams), counters, admission -> admission.gateCommand().ifPresent(command -> {
            commands.add(command);
            commanded.countDown();
        }));
        try {
            run.start();
            assertTrue(commanded.await(60, TimeUnit.SECONDS), "no gate command within 60 s: " + run.line());
        } finally {
            run.stop();
            scheduler.close();
            seams.gpio().shutdown();
        }

        assertEquals(GateCommand.Kind.GRANTED, commands.get(0).kind());
        assertTrue(run.counters().decisions(Reason.OK) >= 1, run.line());
        assertEquals(run.counters().decisions(Reason.OK), run.counters().decisions(), "nothing but grants: " + run.line());
        assertTrue(counters.snapshot().framesRead() >= run.counters().framesDecoded(), run.line());
    }
}
