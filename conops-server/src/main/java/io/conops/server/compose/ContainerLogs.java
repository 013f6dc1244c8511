package io.conops.server.compose;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.conops.core.port.EnginePort;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One container's output as lines. The Engine sends frames as the process wrote them, which may hold
 * several lines or part of one; a partial line waits for its end (per stream, so stdout and stderr do
 * not splice into each other) and is given as it is when the output ends.
 */
final class ContainerLogs extends ResultCallback.Adapter<Frame> implements EnginePort.LogStream {
    private final Consumer<String> onLine;
    private final Runnable onEnd;
    private final Map<StreamType, ByteArrayOutputStream> partial = new EnumMap<>(StreamType.class);
    private final AtomicBoolean ended = new AtomicBoolean();

    ContainerLogs(Consumer<String> onLine, Runnable onEnd) {
        this.onLine = onLine;
        this.onEnd = onEnd;
    }

    @Override
    public void onNext(Frame frame) {
        byte[] bytes = frame.getPayload();
        if (bytes == null || ended.get()) {
            return;
        }
        ByteArrayOutputStream line = partial.computeIfAbsent(frame.getStreamType(), t -> new ByteArrayOutputStream());
        synchronized (line) {
            for (byte b : bytes) {
                if (b == '\n') {
                    emit(line);
                } else {
                    line.write(b);
                }
            }
        }
    }

    // The end is told before the stream is closed: docker-java's close interrupts the thread that
    // reads, which may be this one, and a listener that waits for room would then be interrupted.
    @Override
    public void onComplete() {
        end();
        closeStream();
    }

    /** A container that is gone or an Engine that fails ends the output: there is nothing more to show. */
    @Override
    public void onError(Throwable throwable) {
        end();
        closeStream();
    }

    @Override
    public void close() {
        closeStream();
        end();
    }

    private void closeStream() {
        try {
            super.close();
        } catch (java.io.IOException | RuntimeException ignored) {
            // the stream may be gone already
        }
    }

    private void end() {
        if (ended.compareAndSet(false, true)) {
            for (ByteArrayOutputStream rest : partial.values()) {
                synchronized (rest) {
                    if (rest.size() > 0) {
                        emit(rest);
                    }
                }
            }
            onEnd.run();
        }
    }

    private void emit(ByteArrayOutputStream line) {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        onLine.accept(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
    }
}
