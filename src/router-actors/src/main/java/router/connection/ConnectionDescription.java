package router.connection;

import router.CborSerializable;

/** What {@code GET @connections/{id}} tells about a connection (epoch milliseconds). */
public record ConnectionDescription(
    String connectionId, long connectedAt, long lastActiveAt, String sourceIp, String userAgent)
    implements CborSerializable {}
