package io.limen.agent.uplink.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.limen.agent.scanlog.ScanRecord;
import io.limen.config.BatchConfig;
import io.limen.provisioning.telemetry.Batch;
import io.limen.provisioning.telemetry.BatchDecoder;
import io.limen.provisioning.telemetry.Scan;
import io.limen.provisioning.telemetry.TerminalId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The two sides of the wire, written apart from the one contract (docs/telemetry.md), agree: every batch
 * the agent encodes, small (identity) or large (gzip), with gaps inside, is accepted by the reference
 * consumer's decoder ({@code limen provision consume}), scan for scan and field for field.
 */
class ReferenceConsumerAgreementTest {

    private final BatchDecoder consumer = new BatchDecoder(BatchDecoder.DEFAULT_MAX_BYTES);

    @Test
    void everyEncodedBatch_isAcceptedByTheReferenceConsumer_withTheSameScans() {
        for (int records : new int[] {1, 7, 500, 5_000}) {
            BatchBuilder builder = new BatchBuilder(new BatchConfig(records, Duration.ofMinutes(5), 2_048), "door-3", "site-1", Scans.ids(records));
            Random random = new Random(records);
            List<ScanRecord> rows = new ArrayList<>();
            long sequence = 100;
            BatchDocument closed = null;
            while (closed == null) {
                if (sequence % 97 == 0) {
                    sequence += 2; // a gap inside the batch, as the worked example has
                }
                ScanRecord row = Scans.record(sequence++, random);
                rows.add(row);
                closed = builder.add(row, Scans.T0).orElse(null);
            }
            EncodedBatch encoded = new BatchEncoder(BatchConfig.DEFAULTS).encode(closed);

            BatchDecoder.Result result = consumer.decode(encoded.payload(), encoded.properties().asUserProperties());

            Batch batch = assertInstanceOf(BatchDecoder.Accepted.class, result, () -> records + " records: " + result).batch();
            assertEquals(new TerminalId("site-1", "door-3"), batch.terminal());
            assertEquals(closed.batchId(), batch.batchId());
            assertEquals(closed.createdAt(), batch.createdAt());
            assertEquals(rows.size(), batch.scans().size());
            for (int i = 0; i < rows.size(); i++) {
                BatchRecord sent = BatchRecord.of(rows.get(i));
                assertEquals(new Scan(sent.sequence(), sent.decidedAt(), sent.granted(), sent.reason(), sent.cti(), sent.iss(), sent.sub(),
                        sent.zone(), sent.direction(), new Scan.Micros(sent.micros().decode(), sent.micros().verify(), sent.micros().decide(),
                                sent.micros().frameToRelay())), batch.scans().get(i), records + " records, scan " + i);
            }
        }
    }
}
