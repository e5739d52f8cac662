package dev.aso.webhooks.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Just enough HTTP/2 (RFC 9113) written and read by hand to do what a well-behaved client library will not: open more
 * streams than the server allows, and leave them without a body.
 */
public final class Http2Frames {

    public static final int DATA = 0x0;
    public static final int HEADERS = 0x1;
    public static final int RST_STREAM = 0x3;
    public static final int SETTINGS = 0x4;
    public static final int SETTINGS_MAX_CONCURRENT_STREAMS = 0x3;
    public static final long REFUSED_STREAM = 0x7;
    public static final long CANCEL = 0x8;
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int END_HEADERS = 0x4;
    private static final int ACK = 0x1;

    /** One frame as read. */
    public record Frame(int type, int flags, int stream, byte[] payload) {
        /** A SETTINGS frame's value of {@code parameter}, or -1 when it does not have it. */
        public long setting(int parameter) {
            ByteBuffer b = ByteBuffer.wrap(payload);
            while (b.remaining() >= 6) {
                int id = b.getShort() & 0xFFFF;
                long value = b.getInt() & 0xFFFF_FFFFL;
                if (id == parameter) {
                    return value;
                }
            }
            return -1;
        }

        /** A RST_STREAM frame's error code. */
        public long errorCode() {
            return ByteBuffer.wrap(payload).getInt() & 0xFFFF_FFFFL;
        }

        public boolean isAck() {
            return (flags & ACK) != 0;
        }
    }

    private final OutputStream out;
    private final DataInputStream in;

    public Http2Frames(OutputStream out, java.io.InputStream in) {
        this.out = out;
        this.in = new DataInputStream(in);
    }

    /** The client preface and an empty SETTINGS frame. */
    public void preface() throws IOException {
        out.write(PREFACE);
        write(SETTINGS, 0, 0, new byte[0]);
    }

    public void settingsAck() throws IOException {
        write(SETTINGS, ACK, 0, new byte[0]);
    }

    /** A HEADERS frame that opens {@code stream} and leaves it open for a body (no END_STREAM). */
    public void openStream(int stream, Map<String, String> headers) throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            block.write(0x00); // literal header field without indexing, new name (RFC 7541 6.2.2)
            literal(block, header.getKey());
            literal(block, header.getValue());
        }
        write(HEADERS, END_HEADERS, stream, block.toByteArray());
    }

    public Frame read() throws IOException {
        int length = in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8 | in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int stream = in.readInt() & 0x7FFF_FFFF;
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Frame(type, flags, stream, payload);
    }

    private void write(int type, int flags, int stream, byte[] payload) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(9);
        head.put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length);
        head.put((byte) type).put((byte) flags).putInt(stream);
        out.write(head.array());
        out.write(payload);
        out.flush();
    }

    /** A string literal without Huffman coding, shorter than 127 bytes. */
    private static void literal(ByteArrayOutputStream block, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length >= 127) {
            throw new IllegalArgumentException("too long for this encoder: " + text);
        }
        block.write(bytes.length);
        block.writeBytes(bytes);
    }
}
