package dev.aso.controller;

import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

import java.lang.reflect.Field;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The fabric8 mock API server (7.9) deadlocks when a client closes a watch while an event is being sent to it: the
 * close runs on the server's one event loop and waits for the watch's sender, whose write waits for that event loop
 * (up to 30 s, every request hanging meanwhile). Running the close on another thread is not enough either: until it
 * ends, the closed watch stays subscribed, and an event for it fails the write that caused it with a 500. The
 * controller closes a watch as soon as it sees a kind's first object ({@link DormantKinds}), so tests on the mock hit
 * both; this dispatcher unsubscribes a closed watch at once, on the event loop, and runs the rest of its close on a
 * thread of its own, as a real API server does neither.
 */
public final class WatchClosesOffEventLoop extends Dispatcher {

    /** The mock's set of subscribed watches, which each watch holds (and leaves only at the end of its close). */
    private static final Field SUBSCRIBED = subscribedField();

    private final Dispatcher delegate;
    private final ExecutorService closes = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mock-watch-close");
        t.setDaemon(true);
        return t;
    });

    public WatchClosesOffEventLoop(Dispatcher delegate) {
        this.delegate = delegate;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse response = delegate.dispatch(request);
        WebSocketListener watch = response.getWebSocketListener();
        return watch == null ? response : response.withWebSocketUpgrade(new ClosedOffLoop(watch));
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
        closes.shutdownNow();
    }

    @Override
    public void releaseResources() {
        delegate.releaseResources();
    }

    private static Field subscribedField() {
        try {
            Field field = Class.forName("io.fabric8.kubernetes.client.server.mock.WatchEventsListener")
                    .getDeclaredField("watchEventListenerList");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the fabric8 mock server changed: see " + WatchClosesOffEventLoop.class, e);
        }
    }

    private static void unsubscribe(WebSocketListener watch) {
        if (SUBSCRIBED.getDeclaringClass().isInstance(watch)) {
            try {
                ((Set<?>) SUBSCRIBED.get(watch)).remove(watch);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final class ClosedOffLoop extends WebSocketListener {
        private final WebSocketListener watch;

        ClosedOffLoop(WebSocketListener watch) {
            this.watch = watch;
        }

        @Override
        public void onBeforeAccept(WebSocket ws, Response response) {
            watch.onBeforeAccept(ws, response);
        }

        @Override
        public void onOpen(WebSocket ws, Response response) {
            watch.onOpen(ws, response);
        }

        @Override
        public void onMessage(WebSocket ws, String text) {
            watch.onMessage(ws, text);
        }

        @Override
        public void onMessage(WebSocket ws, ByteString bytes) {
            watch.onMessage(ws, bytes);
        }

        @Override
        public void onMessage(WebSocket ws, byte[] bytes) {
            watch.onMessage(ws, bytes);
        }

        @Override
        public void onClosing(WebSocket ws, int code, String reason) {
            watch.onClosing(ws, code, reason);
        }

        @Override
        public void onClosed(WebSocket ws, int code, String reason) {
            unsubscribe(watch);
            if (!closes.isShutdown()) {
                closes.execute(() -> watch.onClosed(ws, code, reason));
            }
        }

        @Override
        public void onFailure(WebSocket ws, Throwable t, Response response) {
            watch.onFailure(ws, t, response);
        }
    }
}
