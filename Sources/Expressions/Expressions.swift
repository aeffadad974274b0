/// The CEL-compatible expression language: parse → check → compile → evaluate.
public enum Expressions {}
