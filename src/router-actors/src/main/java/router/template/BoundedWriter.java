package router.template;

import java.io.IOException;
import java.io.Writer;

/** A writer that fails the render once more than a set number of characters pass through it. */
final class BoundedWriter extends Writer {

  private final Writer target;
  private final long cap;
  private final RenderBudget budget;
  private final String what;
  private long written;

  /**
   * @param budget charged for every character written, or {@code null} to only enforce the cap
   * @param what names the output in the error, e.g. "rendered output"
   */
  BoundedWriter(Writer target, long cap, RenderBudget budget, String what) {
    this.target = target;
    this.cap = cap;
    this.budget = budget;
    this.what = what;
  }

  @Override
  public void write(char[] chars, int offset, int length) throws IOException {
    account(length);
    target.write(chars, offset, length);
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    account(length);
    target.write(text, offset, length);
  }

  @Override
  public void write(int c) throws IOException {
    account(1);
    target.write(c);
  }

  @Override
  public void flush() throws IOException {
    target.flush();
  }

  @Override
  public void close() throws IOException {
    target.close();
  }

  @Override
  public String toString() {
    return target.toString();
  }

  private void account(int length) {
    written += length;
    if (written > cap) {
      throw new TemplateRenderException(
          "Mapping template " + what + " exceeds the limit of " + cap + " characters");
    }
    if (budget != null) {
      budget.charge(length);
    }
  }
}
