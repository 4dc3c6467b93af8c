package router.integration;

import java.util.List;
import java.util.Map;
import router.CborSerializable;

/**
 * The API Gateway event behind one integration call: what a Lambda proxy integration receives as {@code
 * requestContext} and the fields beside it, and what a host actor receives. Built by the runtime for each {@code
 * $connect}, message and {@code $disconnect}; immutable.
 *
 * @param eventType {@code CONNECT}, {@code MESSAGE} or {@code DISCONNECT}
 * @param messageId the message's id ({@code MESSAGE} only, else null)
 * @param connectedAt epoch milliseconds of the connection's upgrade
 * @param requestTimeEpoch epoch milliseconds at which this event arrived
 * @param headers the handshake's headers, names as the client sent them ({@code CONNECT} only, else empty)
 * @param queryString the handshake's query string parameters ({@code CONNECT} only, else empty)
 * @param disconnectStatusCode the close code ({@code DISCONNECT} only, else null)
 * @param disconnectReason the close reason ({@code DISCONNECT} only, else null)
 * @param body the message as the client sent it ({@code MESSAGE} only, else null); base64 when {@code
 *     base64Encoded}
 */
public record EventContext(
    String eventType,
    String routeKey,
    String messageId,
    String requestId,
    String extendedRequestId,
    String connectionId,
    long connectedAt,
    long requestTimeEpoch,
    String apiId,
    String stage,
    String domainName,
    String sourceIp,
    String userAgent,
    Map<String, List<String>> headers,
    Map<String, List<String>> queryString,
    Integer disconnectStatusCode,
    String disconnectReason,
    String body,
    boolean base64Encoded,
    Map<String, String> stageVariables) implements CborSerializable {

  public static final String CONNECT = "CONNECT";
  public static final String MESSAGE = "MESSAGE";
  public static final String DISCONNECT = "DISCONNECT";
}
