package router.model;

/** API Gateway's integration types. Proxy types pass the backend's answer through without integration responses. */
public enum IntegrationType {
  MOCK(false),
  HTTP(false),
  HTTP_PROXY(true),
  AWS(false),
  AWS_PROXY(true);

  private final boolean proxy;

  IntegrationType(boolean proxy) {
    this.proxy = proxy;
  }

  public boolean isProxy() {
    return proxy;
  }

  /** HTTP and HTTP_PROXY: the backend is an HTTP endpoint. */
  public boolean isHttp() {
    return this == HTTP || this == HTTP_PROXY;
  }

  /** AWS and AWS_PROXY: the backend is an AWS service or Lambda function named by an ARN. */
  public boolean isAws() {
    return this == AWS || this == AWS_PROXY;
  }
}
