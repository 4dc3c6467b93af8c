package router.config;

import router.ids.ResourceIds;

/** Where new resource ids come from; random in production, predictable in tests. */
public interface IdSource {

  String routeId();

  String integrationId();

  /** An id for an integration response, route response or deployment. */
  String shortId();

  /** API Gateway-shaped random ids. */
  IdSource RANDOM = new IdSource() {
    @Override
    public String routeId() {
      return ResourceIds.routeId();
    }

    @Override
    public String integrationId() {
      return ResourceIds.integrationId();
    }

    @Override
    public String shortId() {
      return ResourceIds.shortId();
    }
  };
}
