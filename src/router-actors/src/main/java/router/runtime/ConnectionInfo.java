package router.runtime;

import java.util.List;
import java.util.Map;

/**
 * What is known of a connection from its upgrade request; immutable. Header names are lower-case.
 *
 * @param connectedAt epoch milliseconds of the upgrade
 * @param stage the live stage the connection's messages are routed by
 */
public record ConnectionInfo(
    String connectionId,
    String apiId,
    String stageName,
    StageHandle stage,
    long connectedAt,
    String sourceIp,
    String userAgent,
    String domainName,
    Map<String, String> headers,
    Map<String, List<String>> multiValueHeaders,
    Map<String, String> queryString,
    Map<String, List<String>> multiValueQueryString) {}
