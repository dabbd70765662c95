package io.limen.agent.uplink.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.limen.agent.uplink.batch.BatchProperties.ContentEncoding;
import io.limen.config.BatchConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/** Writes a batch as schema-version-1 JSON, gzip-compressed when the JSON is longer than {@code gzipAboveBytes}. */
public final class BatchEncoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int gzipAboveBytes;

    public BatchEncoder(BatchConfig config) {
        this.gzipAboveBytes = config.gzipAboveBytes();
    }

    public EncodedBatch encode(BatchDocument batch) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(batch);
        } catch (JsonProcessingException e) {
            // Records of strings and numbers always serialise; this would be a bug in this class.
            throw new IllegalStateException("could not write a batch as JSON", e);
        }
        if (json.length <= gzipAboveBytes) {
            return new EncodedBatch(json, new BatchProperties(BatchDocument.SCHEMA_VERSION, ContentEncoding.IDENTITY),
                    json.length);
        }
        return new EncodedBatch(gzip(json), new BatchProperties(BatchDocument.SCHEMA_VERSION, ContentEncoding.GZIP),
                json.length);
    }

    private static byte[] gzip(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory failed", e); // a ByteArrayOutputStream never fails
        }
        return out.toByteArray();
    }
}
