package router.tests;

import java.net.URI;
import org.apache.pekko.http.scaladsl.Http;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An ElasticMQ server (SQS-compatible) in this JVM on a free loopback port, on its own ActorSystem, with the real
 * AWS SDK SqsClient pointed at it.
 */
final class ElasticMq implements AutoCloseable {
  static final String ACCOUNT_ID = "000000000000";

  final URI endpoint;
  final SqsClient sqs;
  private final SQSRestServer server;

  private ElasticMq(SQSRestServer server, URI endpoint) {
    this.server = server;
    this.endpoint = endpoint;
    this.sqs = SqsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(ApacheHttpClient.create())
        .build();
  }

  static ElasticMq start() {
    SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort()
        .withAWSAccountId(ACCOUNT_ID).withAWSRegion("us-east-1").start();
    Http.ServerBinding binding = server.waitUntilStarted();
    return new ElasticMq(server, URI.create("http://127.0.0.1:" + binding.localAddress().getPort()));
  }

  /** Creates {@code name} and returns its queue URL. */
  String createQueue(String name) {
    return sqs.createQueue(b -> b.queueName(name)).queueUrl();
  }

  @Override
  public void close() {
    sqs.close();
    server.stopAndWait();
  }
}
