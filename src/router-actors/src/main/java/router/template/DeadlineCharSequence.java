package router.template;

/**
 * A string as seen by the regular-expression engine, checking the render deadline as it is read,
 * so that catastrophic backtracking ends with the render instead of holding the thread.
 */
record DeadlineCharSequence(String text, RenderBudget budget) implements CharSequence {

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public char charAt(int index) {
    budget.tick();
    return text.charAt(index);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return text.substring(start, end);
  }

  @Override
  public String toString() {
    return text;
  }
}
