package io.limen.format.lists;

import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.limen.format.Reason;
import io.limen.format.cose.CoseResult;
import io.limen.format.cose.CoseSign1;
import io.limen.format.cose.KeyId;
import io.limen.format.cose.SigningKey;
import io.limen.format.cose.VerifyingKey;
import io.limen.format.credential.RevocationKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes and reads list documents (docs/lists.md): a COSE_Sign1 by a list-signing key whose payload is
 * the CBOR map below. Reading takes hostile bytes and returns a {@link ListResult}, never throws.
 *
 * <pre>
 * {1: kind ("revocations" | "trust"), 2: scope (iss | "*"), 3: version (uint ≥ 1),
 *  ?4: base (uint, deltas only), 5: issued (uint, unix seconds), 6: next update (uint, unix seconds),
 *  ?7: chunk [index, count, snapshot id (bstr 16)] (snapshots only),
 *  8: added  [* bstr 16]   | [* trust entry],
 *  ?9: removed [* bstr 16] (revocation deltas only)}
 * trust entry = {?1: issuer (text), 2: key (bstr, DER SubjectPublicKeyInfo), 3: not before, 4: not after}
 * </pre>
 */
public final class ListDocuments {

    /** The most bytes one document (one chunk) may have: 4 MiB, checked before any parsing. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    /** The most entries (added plus removed) one document may list; a larger snapshot comes in chunks. */
    public static final int MAX_ENTRIES = 100_000;
    /** The most keys a trust list may list. */
    public static final int MAX_TRUST_ENTRIES = 1_000;

    private ListDocuments() {
    }

    /** The signed document: a tagged COSE_Sign1 by {@code signer} over the payload of {@code document}. */
    public static byte[] sign(SigningKey signer, ListDocument document) {
        return CoseSign1.sign(signer, payload(document));
    }

    /** The CBOR payload of {@code document}, in the order above, shortest forms. */
    public static byte[] payload(ListDocument document) {
        ListHeader h = document.header();
        CBORObject map = CBORObject.NewOrderedMap()
                .Add(1, h.kind().code())
                .Add(2, h.scope())
                .Add(3, h.version());
        h.base().ifPresent(base -> map.Add(4, base));
        map.Add(5, h.issuedAt().getEpochSecond()).Add(6, h.nextUpdate().getEpochSecond());
        h.chunk().ifPresent(c -> map.Add(7, CBORObject.NewArray().Add(c.index()).Add(c.count()).Add(c.snapshotId().bytes())));
        CBORObject added = CBORObject.NewArray();
        switch (document) {
            case ListDocument.Revocations r -> {
                r.added().forEach(k -> added.Add(k.toBytes()));
                map.Add(8, added);
                if (!h.isSnapshot()) {
                    CBORObject removed = CBORObject.NewArray();
                    r.removed().forEach(k -> removed.Add(k.toBytes()));
                    map.Add(9, removed);
                }
            }
            case ListDocument.Trust t -> {
                for (TrustEntry e : t.keys()) {
                    CBORObject entry = CBORObject.NewOrderedMap();
                    e.issuer().ifPresent(iss -> entry.Add(1, iss));
                    entry.Add(2, e.key().spki()).Add(3, e.notBefore().getEpochSecond()).Add(4, e.notAfter().getEpochSecond());
                    added.Add(entry);
                }
                map.Add(8, added);
            }
        }
        return map.EncodeToBytes();
    }

    /**
     * Reads a signed list document: the size cap, the COSE envelope, the signature by one of
     * {@code signers} (the list-signing keys for a kid), then the payload. Nothing about versions or
     * times: that is the receiver's, which knows what it holds.
     */
    public static ListResult read(byte[] bytes, Function<KeyId, List<VerifyingKey>> signers) {
        if (bytes.length > MAX_BYTES) {
            return new ListResult.Refused(ListProblem.TOO_LARGE, "a list document may have at most " + MAX_BYTES
                    + " bytes, but this one has " + bytes.length);
        }
        CoseResult<CoseSign1.Signed> verified = CoseSign1.verify(bytes, signers);
        return switch (verified) {
            case CoseResult.Refused<CoseSign1.Signed> refused -> new ListResult.Refused(problemOf(refused.reason()), refused.detail());
            case CoseResult.Accepted<CoseSign1.Signed> accepted -> {
                try {
                    yield new ListResult.Accepted(parse(accepted.value().message().payload()), accepted.value().signer());
                } catch (Malformed m) {
                    yield new ListResult.Refused(m.problem, m.getMessage());
                }
            }
        };
    }

    private static ListProblem problemOf(Reason reason) {
        return switch (reason) {
            case UNKNOWN_KID -> ListProblem.UNKNOWN_SIGNER;
            case BAD_SIGNATURE -> ListProblem.BAD_SIGNATURE;
            default -> ListProblem.BAD_COSE; // bad_cose, unsupported_alg
        };
    }

    /** Unwinds a parse to {@link #read}; no stack trace, refusals are routine. */
    private static final class Malformed extends RuntimeException {
        final ListProblem problem;

        Malformed(ListProblem problem, String detail) {
            super(detail, null, false, false);
            this.problem = problem;
        }
    }

    private static Malformed malformed(String detail) {
        return new Malformed(ListProblem.MALFORMED, detail);
    }

    private static ListDocument parse(byte[] payload) {
        CBORObject map;
        try {
            map = CBORObject.DecodeFromBytes(payload);
        } catch (CBORException e) {
            throw malformed("the payload is not well-formed CBOR: " + e.getMessage());
        }
        if (map.isTagged() || map.getType() != CBORType.Map) {
            throw malformed("the payload must be a map");
        }
        for (CBORObject key : map.getKeys()) {
            if (key.getType() != CBORType.Integer || !key.CanValueFitInInt32() || key.AsInt32Value() < 1 || key.AsInt32Value() > 9) {
                throw malformed("the payload may only have fields 1 to 9, but has " + key);
            }
        }
        String kindText = text(map, 1, "kind");
        ListKind kind = ListKind.fromCode(kindText).orElseThrow(() ->
                malformed("field 1 (kind) must be \"revocations\" or \"trust\", but was \"" + kindText + "\""));
        String scope = text(map, 2, "scope");
        long version = uint(map, 3, "version");
        OptionalLong base = map.ContainsKey(4) ? OptionalLong.of(uint(map, 4, "base")) : OptionalLong.empty();
        Instant issued = Instant.ofEpochSecond(uint(map, 5, "issued"));
        Instant next = Instant.ofEpochSecond(uint(map, 6, "next update"));
        Optional<ListHeader.Chunk> chunk = map.ContainsKey(7) ? Optional.of(chunk(map.get(7))) : Optional.empty();
        ListHeader header;
        try {
            header = new ListHeader(kind, scope, version, base, issued, next, chunk);
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
        CBORObject added = array(map, 8, "added");
        if (kind == ListKind.TRUST) {
            if (map.ContainsKey(9)) {
                throw malformed("a trust list has no field 9 (removed): it is a whole snapshot");
            }
            return trust(header, added);
        }
        CBORObject removed = map.ContainsKey(9) ? array(map, 9, "removed") : CBORObject.NewArray();
        if (header.isSnapshot() && map.ContainsKey(9)) {
            throw malformed("a snapshot has no field 9 (removed)");
        }
        if (added.size() + removed.size() > MAX_ENTRIES) {
            throw new Malformed(ListProblem.TOO_LARGE, "a list document may list at most " + MAX_ENTRIES
                    + " keys, but this one lists " + (added.size() + removed.size()));
        }
        Set<RevocationKey> seen = new HashSet<>();
        List<RevocationKey> addedKeys = keys(added, "added", seen);
        List<RevocationKey> removedKeys = keys(removed, "removed", seen);
        return new ListDocument.Revocations(header, addedKeys, removedKeys);
    }

    private static List<RevocationKey> keys(CBORObject array, String field, Set<RevocationKey> seen) {
        List<RevocationKey> keys = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            CBORObject item = array.get(i);
            if (item.isTagged() || item.getType() != CBORType.ByteString || item.GetByteString().length != RevocationKey.LENGTH) {
                throw malformed(field + " entry " + i + " must be a 16-byte revocation key");
            }
            RevocationKey key = RevocationKey.fromBytes(item.GetByteString());
            if (!seen.add(key)) {
                throw new Malformed(ListProblem.DUPLICATE_ENTRY, field + " entry " + i + " (" + key + ") is listed twice");
            }
            keys.add(key);
        }
        return keys;
    }

    private static ListDocument.Trust trust(ListHeader header, CBORObject added) {
        if (header.chunk().isPresent() || !header.isSnapshot()) {
            throw malformed("a trust list is one whole snapshot: no field 4 (base), no field 7 (chunk)");
        }
        if (added.size() > MAX_TRUST_ENTRIES) {
            throw new Malformed(ListProblem.TOO_LARGE, "a trust list may list at most " + MAX_TRUST_ENTRIES
                    + " keys, but this one lists " + added.size());
        }
        List<TrustEntry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < added.size(); i++) {
            CBORObject e = added.get(i);
            if (e.isTagged() || e.getType() != CBORType.Map) {
                throw malformed("trust entry " + i + " must be a map");
            }
            Optional<String> issuer = e.ContainsKey(1) ? Optional.of(text(e, 1, "trust entry " + i + " issuer")) : Optional.empty();
            CBORObject spki = e.get(2);
            if (spki == null || spki.isTagged() || spki.getType() != CBORType.ByteString) {
                throw malformed("trust entry " + i + " field 2 (key) must be a byte string");
            }
            VerifyingKey key;
            try {
                key = VerifyingKey.fromSpki(spki.GetByteString());
            } catch (IllegalArgumentException ex) {
                throw malformed("trust entry " + i + " key: " + ex.getMessage());
            }
            TrustEntry entry;
            try {
                entry = new TrustEntry(issuer, key, Instant.ofEpochSecond(uint(e, 3, "trust entry " + i + " not before")),
                        Instant.ofEpochSecond(uint(e, 4, "trust entry " + i + " not after")));
            } catch (IllegalArgumentException ex) {
                throw malformed("trust entry " + i + ": " + ex.getMessage());
            }
            if (!seen.add(issuer.orElse("") + "\0" + key.keyId())) {
                throw new Malformed(ListProblem.DUPLICATE_ENTRY, "trust entry " + i + " lists key " + key.keyId()
                        + " for " + issuer.orElse("any issuer") + " a second time");
            }
            entries.add(entry);
        }
        return new ListDocument.Trust(header, entries);
    }

    private static ListHeader.Chunk chunk(CBORObject item) {
        if (item.isTagged() || item.getType() != CBORType.Array || item.size() != 3) {
            throw malformed("field 7 (chunk) must be [index, count, snapshot id]");
        }
        long index = uintOf(item.get(0), "chunk index");
        long count = uintOf(item.get(1), "chunk count");
        CBORObject id = item.get(2);
        if (id.isTagged() || id.getType() != CBORType.ByteString || id.GetByteString().length != SnapshotId.LENGTH) {
            throw malformed("the chunk's snapshot id must be 16 bytes");
        }
        if (count < 1 || count > 100_000 || index >= count) {
            throw malformed("chunk index must be in [0, count) and count in [1, 100000], but was " + index + " of " + count);
        }
        return new ListHeader.Chunk((int) index, (int) count, new SnapshotId(id.GetByteString()));
    }

    private static String text(CBORObject map, int field, String name) {
        CBORObject item = map.get(field);
        if (item == null || item.isTagged() || item.getType() != CBORType.TextString) {
            throw malformed("field " + field + " (" + name + ") must be text");
        }
        return item.AsString();
    }

    private static long uint(CBORObject map, int field, String name) {
        CBORObject item = map.get(field);
        if (item == null) {
            throw malformed("field " + field + " (" + name + ") is missing");
        }
        return uintOf(item, "field " + field + " (" + name + ")");
    }

    /** A whole number 0 .. 2^53 (far past any version or time in seconds a list will carry). */
    private static long uintOf(CBORObject item, String name) {
        if (item.isTagged() || item.getType() != CBORType.Integer || !item.CanValueFitInInt64()
                || item.AsInt64Value() < 0 || item.AsInt64Value() > (1L << 53)) {
            throw malformed(name + " must be a whole number in [0, 2^53]");
        }
        return item.AsInt64Value();
    }

    private static CBORObject array(CBORObject map, int field, String name) {
        CBORObject item = map.get(field);
        if (item == null || item.isTagged() || item.getType() != CBORType.Array) {
            throw malformed("field " + field + " (" + name + ") must be an array");
        }
        return item;
    }
}
