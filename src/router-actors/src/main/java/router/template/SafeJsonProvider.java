package router.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import java.util.List;

/**
 * Jayway JSONPath over the render's {@link SafeMap}/{@link SafeList} trees: results are built from
 * the safe types, and scans check the render deadline as they walk.
 */
final class SafeJsonProvider extends JacksonJsonProvider {

  SafeJsonProvider(ObjectMapper mapper) {
    super(mapper);
  }

  @Override
  public List<Object> createArray() {
    return new SafeList();
  }

  @Override
  public Object createMap() {
    return new SafeMap();
  }

  @Override
  public Object getArrayIndex(Object array, int index) {
    RenderBudget.current().tick();
    return super.getArrayIndex(array, index);
  }

  @Override
  public Object getMapValue(Object map, String key) {
    RenderBudget.current().tick();
    return super.getMapValue(map, key);
  }

  @Override
  public void setArrayIndex(Object array, int index, Object value) {
    RenderBudget.current().charge(1);
    super.setArrayIndex(array, index, value);
  }
}
