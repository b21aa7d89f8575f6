package org.mailstack.imap.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.mailstack.imap.parse.AppendRequest;
import org.mailstack.imap.parse.ImapReader;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Splits the client's byte stream into commands (RFC 3501 section 2.2): a command is a line, and when the line ends
 * in a literal marker {@code {n}} or {@code {n+}} (RFC 7888) the n octets and the following line belong to it too.
 * Limits: a line over {@code maxLine} octets is skipped and reported; a synchronising literal over
 * {@code maxLiteral} is refused before the client sends it; a non-synchronising one closes the connection, as
 * RFC 7888 section 4 allows; a whole command is bounded by {@code maxCommand}.
 *
 * <p>The data literals of an APPEND (each message of a MULTIAPPEND, RFC 3502, and each CATENATE TEXT part,
 * RFC 4469; {@link AppendRequest#literalAt} tells them from a mailbox name or URL given as a literal) are not held:
 * each begins with a {@link Frame.LiteralStart} and its bytes go out as {@link Frame.LiteralChunk}s, which the
 * session writes to the Maildir's {@code tmp/} as they come; the command follows with each such literal given as
 * {@code {0}}. While frames of more than {@link #PENDING_HIGH} bytes ({@link Frame#weight}: literal chunks and
 * commands alike) wait for the command thread, the channel stops reading ({@link #released} lets it read again), so
 * a connection holds a bounded amount of what it sent, however fast a compression layer in front of this decoder
 * can inflate it. One APPEND
 * carries at most {@code maxLiteral} octets of data literals in all (beyond: as a literal over the limit), at most
 * {@link AppendRequest#MAX_PARTS} data literals and one literal more in all (the mailbox name), and {@link #APPEND_HELD_LINES} times
 * {@code maxLine} octets of the rest (each data literal's marker is read against the command so far, so these bound
 * that work too); beyond the last two it is refused with {@link Frame.CommandRefused} ({@code BAD}): at once when
 * the client waits for a continuation, else after the rest of the command has been read and dropped.
 *
 * <p>After a STARTTLS or COMPRESS command the decoder pauses: bytes the client sent behind it are held, and then
 * dropped when TLS starts (they must never run as if they had come over TLS), handed to the compression layer when
 * COMPRESS starts one (they were compressed), or decoded if the command was refused.
 */
final class ImapFrameDecoder extends ByteToMessageDecoder {
    static final int PENDING_HIGH = 1024 * 1024;
    static final int PENDING_LOW = 256 * 1024;
    /** What an APPEND command may hold besides its data literals, in lines of the longest length. */
    static final int APPEND_HELD_LINES = 4;
    private static final int CHUNK = 64 * 1024;

    private final AtomicLong pending = new AtomicLong();
    private final int maxLine;
    private final long maxLiteral;
    private final long maxCommand;

    private final ByteArrayOutputStream command = new ByteArrayOutputStream();
    private long literalLeft;
    private boolean streaming;
    private boolean skipping;
    private boolean discardingLine;
    private String discardTag;
    private volatile boolean paused;
    // the APPEND being read: its data literals so far, and why it is refused (null: it is not)
    private int literals;
    private int dataLiterals;
    private long dataBytes;
    private String refusal;
    private String refusedTag;

    ImapFrameDecoder(int maxLine, long maxLiteral, long maxCommand) {
        this.maxLine = maxLine;
        this.maxLiteral = maxLiteral;
        this.maxCommand = maxCommand;
    }

    /**
     * STARTTLS or COMPRESS was refused: decodes what the client sent meanwhile. Called on the event loop with any
     * context of the channel.
     */
    void resume(ChannelHandlerContext any) {
        paused = false;
        if (internalBuffer().isReadable()) {
            try {
                channelRead(any.pipeline().context(this), Unpooled.EMPTY_BUFFER);
            } catch (Exception e) {
                any.pipeline().fireExceptionCaught(e);
            }
        }
    }

    /**
     * A compression layer now sits in front of this decoder: returns the bytes held behind COMPRESS (compressed
     * already, for that layer to inflate; empty when there are none) and decodes again. Called on the event loop.
     */
    ByteBuf resumeCompressed(ChannelHandlerContext any) {
        ByteBuf held = internalBuffer();
        ByteBuf taken = any.alloc().buffer(held.readableBytes());
        taken.writeBytes(held);
        paused = false;
        return taken;
    }

    /** TLS has been set up in front of this decoder: drops what came in plain text behind STARTTLS. */
    void resumeAfterTls() {
        ByteBuf pending = internalBuffer();
        pending.skipBytes(pending.readableBytes());
        paused = false;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (paused) {
                return; // kept until STARTTLS is refused, or dropped when TLS starts
            }
            if (literalLeft > 0) {
                long most = streaming ? CHUNK : Integer.MAX_VALUE;
                int n = (int) Math.min(Math.min(literalLeft, in.readableBytes()), most);
                literalLeft -= n;
                if (skipping) {
                    in.skipBytes(n);
                    continue;
                }
                byte[] chunk = new byte[n];
                in.readBytes(chunk);
                if (streaming) {
                    emit(ctx, out, new Frame.LiteralChunk(chunk));
                    streaming = literalLeft > 0;
                } else {
                    command.write(chunk, 0, n);
                }
                continue;
            }
            skipping = false;
            int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (discardingLine) {
                if (lf < 0) {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                in.readerIndex(lf + 1);
                discardingLine = false;
                emit(ctx, out, new Frame.LineTooLong(discardTag));
                endCommand();
                continue;
            }
            int available = lf < 0 ? in.readableBytes() : lf + 1 - in.readerIndex();
            if (available > maxLine) {
                startDiscarding(in);
                continue;
            }
            if (lf < 0) {
                return;
            }
            byte[] line = new byte[available];
            in.readBytes(line);
            Literal literal = Literal.at(line);
            if (refusal != null) {
                refused(ctx, literal, out);
                continue;
            }
            command.write(line, 0, line.length);
            byte[] soFar = command.toByteArray();
            boolean append = AppendRequest.isAppend(soFar);
            if (append && command.size() > appendHeld()) {
                refuse(ctx, "APPEND command too long", literal, out);
                continue;
            }
            if (append && literal != null && literals > AppendRequest.MAX_PARTS) { // the mailbox name may be one
                refuse(ctx, "Too many literals in one APPEND", literal, out);
                continue;
            }
            if (literal == null) {
                emit(ctx, out, new Frame.Command(soFar));
                endCommand();
                if (layerCommand(soFar) != null) {
                    paused = true;
                }
                continue;
            }
            literals++;
            boolean data = append && AppendRequest.literalAt(prefix(soFar, line, literal)) != null;
            if (data && ++dataLiterals > AppendRequest.MAX_PARTS) {
                refuse(ctx, "Too many literals in one APPEND", literal, out);
                continue;
            }
            long held = append ? appendHeld() : maxCommand;
            if (literal.length > maxLiteral || (data && dataBytes + literal.length > maxLiteral)
                    || (!data && command.size() + literal.length > held)) {
                String tag = tagOf(soFar);
                endCommand();
                if (!literal.synchronising) {
                    throw new TooLongFrameException("non-synchronising literal over the limit");
                }
                emit(ctx, out, new Frame.LiteralTooBig(tag));
                continue;
            }
            literalLeft = literal.length;
            if (data) {
                dataBytes += literal.length;
                asEmptyLiteral();
                streaming = literal.length > 0;
                emit(ctx, out, new Frame.LiteralStart(literal.synchronising));
            } else if (literal.synchronising) {
                emit(ctx, out, new Frame.ContinueLiteral());
            }
        }
    }

    /**
     * Refuses the command being read: at once when the client now waits (no literal follows, or a synchronising
     * one), else once the rest of the command has been read, its literals dropped.
     */
    private void refuse(ChannelHandlerContext ctx, String reason, Literal literal, List<Object> out) {
        String tag = tagOf(command.toByteArray());
        endCommand();
        refusal = reason;
        refusedTag = tag;
        refused(ctx, literal, out);
    }

    /** A line of a refused command (already counted out of the buffer) ending in {@code literal}, or none. */
    private void refused(ChannelHandlerContext ctx, Literal literal, List<Object> out) {
        if (literal == null || literal.synchronising) {
            emit(ctx, out, new Frame.CommandRefused(refusedTag, refusal));
            endCommand();
            return;
        }
        if (literal.length > maxLiteral) {
            endCommand();
            throw new TooLongFrameException("non-synchronising literal over the limit");
        }
        literalLeft = literal.length;
        skipping = true;
    }

    /** What an APPEND may hold besides its data literals. */
    private long appendHeld() {
        return Math.min(maxCommand, APPEND_HELD_LINES * (long) maxLine);
    }

    /** The command has been handed on or refused: the next bytes start a new one. */
    private void endCommand() {
        command.reset();
        literals = 0;
        dataLiterals = 0;
        dataBytes = 0;
        refusal = null;
        refusedTag = null;
    }

    /** What the literal marker ending {@code commandSoFar} stands for, if it is a data literal of an APPEND. */
    static AppendRequest.LiteralKind literalKind(byte[] commandSoFar) {
        int lineStart = commandSoFar.length - 1;
        while (lineStart > 0 && commandSoFar[lineStart - 1] != '\n') {
            lineStart--;
        }
        byte[] line = Arrays.copyOfRange(commandSoFar, lineStart, commandSoFar.length);
        Literal literal = Literal.at(line);
        return literal == null ? null : AppendRequest.literalAt(prefix(commandSoFar, line, literal));
    }

    /** The command so far without the literal marker (and a literal8's {@code ~}) that ends its last line. */
    private static byte[] prefix(byte[] soFar, byte[] line, Literal literal) {
        int markerAt = soFar.length - line.length + literal.start;
        if (markerAt > 0 && soFar[markerAt - 1] == '~') {
            markerAt--;
        }
        return Arrays.copyOf(soFar, markerAt);
    }

    /** Hands a frame on, counting it as waiting; the channel stops reading while too much waits. */
    private void emit(ChannelHandlerContext ctx, List<Object> out, Frame frame) {
        out.add(frame);
        if (pending.addAndGet(frame.weight()) > PENDING_HIGH && ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    /**
     * The session is done with frames of {@code n} bytes ({@link Frame#weight}): reads again once few enough are
     * waiting. Any thread.
     */
    void released(int n, Channel channel) {
        long now = pending.addAndGet(-n);
        if (now < PENDING_LOW && now + n >= PENDING_LOW) {
            channel.eventLoop().execute(() -> {
                if (pending.get() < PENDING_LOW && !channel.config().isAutoRead()) {
                    channel.config().setAutoRead(true);
                }
            });
        }
    }

    /** Rewrites the final literal marker of the command buffer to {@code {0}}: its bytes travel apart. */
    private void asEmptyLiteral() {
        byte[] all = command.toByteArray();
        int brace = all.length - 1;
        while (all[brace] != '{') {
            brace--;
        }
        command.reset();
        command.write(all, 0, brace);
        command.writeBytes("{0}\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private void startDiscarding(ByteBuf in) {
        byte[] head = new byte[Math.min(in.readableBytes(), 64)];
        in.getBytes(in.readerIndex(), head);
        byte[] all = new byte[command.size() + head.length];
        System.arraycopy(command.toByteArray(), 0, all, 0, command.size());
        System.arraycopy(head, 0, all, command.size(), head.length);
        discardTag = tagOf(all);
        discardingLine = true;
    }

    /** The tag of a command if it is a valid tag, else null. */
    static String tagOf(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && i < 64 && bytes[i] > 0x20 && bytes[i] < 0x7f && "(){%*\"\\]+".indexOf(bytes[i]) < 0) {
            i++;
        }
        return i == 0 || i >= bytes.length || bytes[i] != ' ' ? null : new String(bytes, 0, i, StandardCharsets.US_ASCII);
    }

    /**
     * {@code "STARTTLS"} or {@code "COMPRESS"} when the command is one that may put a layer under the session (after
     * which the client's next bytes are TLS records or compressed), else null.
     */
    static String layerCommand(byte[] command) {
        try {
            ImapReader r = new ImapReader(command);
            r.tag();
            r.sp();
            String name = r.atom().toUpperCase(Locale.ROOT);
            if (name.equals("STARTTLS") && r.atEndOfLine()) {
                return name;
            }
            return name.equals("COMPRESS") && (r.atEndOfLine() || r.peek() == ' ') ? name : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A literal marker at the end of a line; {@code start} is where its brace is in the line. */
    private record Literal(long length, boolean synchronising, int start) {
        static Literal at(byte[] line) {
            int end = line.length - 1; // at '\n'
            if (end > 0 && line[end - 1] == '\r') {
                end--;
            }
            int i = end - 1;
            if (i < 0 || line[i] != '}') {
                return null;
            }
            i--;
            boolean plus = false;
            if (i >= 0 && line[i] == '+') {
                plus = true;
                i--;
            }
            int digitsEnd = i + 1;
            while (i >= 0 && line[i] >= '0' && line[i] <= '9') {
                i--;
            }
            if (i < 0 || line[i] != '{' || digitsEnd - i - 1 == 0 || digitsEnd - i - 1 > 18) {
                return null;
            }
            long n = Long.parseLong(new String(line, i + 1, digitsEnd - i - 1, StandardCharsets.US_ASCII));
            return new Literal(n, !plus, i);
        }
    }
}
