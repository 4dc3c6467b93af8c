package router.config;


/** Hands an API's deployed stages to the data plane, after every change and after recovery. */
@FunctionalInterface
public interface StagePublisher {

  void publish(String apiId, ApiState state);
}
