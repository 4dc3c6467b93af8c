package router.integration;

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
}
