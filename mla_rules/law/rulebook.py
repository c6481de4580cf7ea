"""The rulebook: the Datalog rules in rules/*.dl, parsed once so that the engine can load them
and the explainer can walk them.

A rules file is pyDatalog text with annotations in comments:

    #@pred bound_for(State, Kind, On)      a predicate, its argument names,
    #@says ...  / #@says-not ...           and the sentences used in explanations;
    #@rule bound-party                     a rule id, then its
    #@article 90  #@status inferred        article, how sure we are,
    #@gloss A State Party is bound ...     and a one-line gloss,
    bound_for(State, Kind, On) <= ...      followed by its clause(s).

The rule text itself goes to pyDatalog unchanged: it is ours, never user input.
"""


import ast
from pathlib import Path
from typing import Any, NamedTuple, Union

STATUSES = ("confirmed", "inferred", "unverified", "interpretation")


class Var(NamedTuple):
    name: str


class Const(NamedTuple):
    value: object


class Call(NamedTuple):
    function: str
    args: tuple["Term", ...]


Term = Union[Var, Const, Call]  # noqa: UP007 - a runtime alias; `|` on classes is too


class Atom(NamedTuple):
    """A predicate literal, possibly negated: `~has_recorded_effective(State, Event, Notified)`."""

    predicate: str
    args: tuple[Term, ...]
    negated: bool = False


class Comparison(NamedTuple):
    """A built-in condition: `(From <= On)`, `(Date == later_of(Own, General))`."""

    left: Term
    op: str
    right: Term


Literal = Union[Atom, Comparison]  # noqa: UP007


class Clause(NamedTuple):
    head: Atom
    body: tuple[Literal, ...]
    rule_id: str
    where: str  # "rules/30_parties.dl:42"


class Rule(NamedTuple):
    id: str
    article: str
    status: str
    gloss: str
    where: str
    clauses: list[Clause]


class Predicate(NamedTuple):
    name: str
    params: tuple[str, ...]
    says: str
    says_not: str
    where: str
    rules: list[Rule]

    @property
    def is_base(self) -> bool:
        """True for predicates whose facts come from facts/ (no clause in rules/)."""
        return not self.rules


class Rulebook:
    """Every predicate and rule of rules/, and the pyDatalog text to load."""

    def __init__(self, predicates: dict[str, Predicate], rules: dict[str, Rule],
                 source: str) -> None:
        self.predicates = predicates
        self.rules = rules
        self.source = source  # the pyDatalog text, comments stripped

    def clauses_for(self, predicate: str) -> list[Clause]:
        return [c for r in self.predicates[predicate].rules for c in r.clauses
                if c.head.predicate == predicate]


# the classes a shipped parse is made of (rulebook.json)
_KINDS: dict[str, Any] = {k.__name__: k for k in (Var, Const, Call, Atom, Comparison, Clause,
                                                  Rule, Predicate)}


class RulebookError(Exception):
    """A rules file is malformed: a maintainer's error, reported with file and line."""


_OPS = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}


def _term(node: ast.expr, where: str) -> Term:
    if isinstance(node, ast.Name):
        return Var(node.id) if node.id[:1].isupper() else Const(node.id)
    if isinstance(node, ast.Constant):
        return Const(node.value)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return Call(node.func.id, tuple(_term(a, where) for a in node.args))
    raise RulebookError(f"{where}: unsupported term {ast.dump(node)}")


def _atom(node: ast.expr, where: str, negated: bool = False) -> Atom:
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
        raise RulebookError(f"{where}: expected a predicate, got {ast.unparse(node)}")
    return Atom(node.func.id, tuple(_term(a, where) for a in node.args), negated)


def _body(node: ast.expr, where: str) -> list[Literal]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitAnd):
        return _body(node.left, where) + _body(node.right, where)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Invert):
        return [_atom(node.operand, where, negated=True)]
    if isinstance(node, ast.Compare):
        if len(node.ops) != 1 or type(node.ops[0]) not in _OPS:
            raise RulebookError(f"{where}: unsupported comparison {ast.unparse(node)}")
        return [Comparison(_term(node.left, where), _OPS[type(node.ops[0])],
                           _term(node.comparators[0], where))]
    return [_atom(node, where)]


def parse_clause(text: str, rule_id: str, where: str) -> Clause:
    """Parse one clause line: `head <= body` or a fact `+ head`."""
    try:
        expr = ast.parse(text.strip(), mode="eval").body
    except SyntaxError as e:
        raise RulebookError(f"{where}: {e.msg}") from None
    if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.UAdd):
        return Clause(_atom(expr.operand, where), (), rule_id, where)
    if isinstance(expr, ast.Compare) and len(expr.ops) == 1 and isinstance(expr.ops[0], ast.LtE):
        return Clause(_atom(expr.left, where), tuple(_body(expr.comparators[0], where)),
                      rule_id, where)
    raise RulebookError(f"{where}: a clause is `head <= body` or `+ fact`")


def _annotations(lines: list[tuple[int, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for _, line in lines:
        key, _, value = line[1:].partition(" ")
        out[key] = value.strip()
    return out


PARSED = "rulebook.json"  # the parsed rulebook, generated and shipped beside the rules files


def rules_digest(paths: list[Path]) -> str:
    """What the parsed copy must be the parse of: the rules files (names and bytes) and this
    parser's own source (CRC-32, as the facts' index: cheaper to import than hashlib)."""
    import zlib

    crc = zlib.crc32(Path(__file__).read_bytes())
    for path in paths:
        crc = zlib.crc32(path.name.encode() + b"\0" + path.read_bytes() + b"\0", crc)
    return f"crc32:{crc:08x}"


def _plain(value: Any) -> Any:
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {"_": type(value).__name__, **{f: _plain(getattr(value, f))
                                              for f in value._fields
                                              if f != "rules"}}  # rules: relinked
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _built(value: Any, in_tuple: bool = False) -> Any:
    if isinstance(value, dict) and "_" in value:
        kind = _KINDS[value["_"]]
        fields = {k: _built(v, k not in ("clauses", "rules")) for k, v in value.items()
                  if k != "_"}
        if kind is Predicate:
            fields["rules"] = []
        return kind(**fields)
    if isinstance(value, list):
        items = [_built(v, True) for v in value]
        return tuple(items) if in_tuple else items
    if isinstance(value, dict):
        return {k: _built(v) for k, v in value.items()}
    return value


def load_parsed(paths: list[Path], root: Path | None = None) -> Rulebook:
    """The rulebook of these files: their shipped parse while it is current, else parsed now."""
    import json

    if paths:
        try:
            stored = json.loads((paths[0].parent / PARSED).read_text(encoding="utf-8"))
            if stored.get("digest") == rules_digest(paths):
                book = Rulebook(_built(stored["predicates"]), _built(stored["rules"]),
                                stored["source"])
                _link(book)
                return book
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass
    return parse_files(paths, root)


def parsed_text(rules_dir: Path) -> str:
    """The parse of the rules files, as shipped beside them (rulebook.json)."""
    import json

    paths = sorted(rules_dir.glob("*.dl"))
    book = parse_files(paths, rules_dir.parent)
    return json.dumps({"digest": rules_digest(paths), "predicates": _plain(book.predicates),
                       "rules": _plain(book.rules), "source": book.source},
                      ensure_ascii=False, separators=(",", ":")) + "\n"


def write_parsed(rules_dir: Path) -> Path:
    """Parse the rules files and write their parse beside them, atomically."""
    from mla_rules.record.safe_write import write_text

    path = rules_dir / PARSED
    write_text(path, parsed_text(rules_dir))
    return path


def parse_files(paths: list[Path], root: Path | None = None) -> Rulebook:
    """Parse the rules files in order into a Rulebook, checking every annotation."""
    predicates: dict[str, Predicate] = {}
    rules: dict[str, Rule] = {}
    source_lines: list[str] = []
    for path in paths:
        name = str(path.relative_to(root)) if root else path.name
        pending: list[tuple[int, str]] = []
        current: Rule | None = None
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.strip()
            where = f"{name}:{number}"
            if line.startswith("#@"):
                if current is not None:
                    current = None
                pending.append((number, line))
                continue
            if not line or line.startswith("#"):
                if pending:
                    _flush(pending, name, predicates, rules)
                    pending = []
                current = None
                continue
            # a clause line
            if pending:
                current = _flush(pending, name, predicates, rules)
                pending = []
            if current is None:
                raise RulebookError(f"{where}: a clause must follow a #@rule annotation")
            clause = parse_clause(line, current.id, where)
            current.clauses.append(clause)
            source_lines.append(line)
        if pending:
            _flush(pending, name, predicates, rules)
    book = Rulebook(predicates, rules, "\n".join(source_lines))
    _link(book)
    return book


def _flush(pending: list[tuple[int, str]], name: str, predicates: dict[str, Predicate],
           rules: dict[str, Rule]) -> Rule | None:
    where = f"{name}:{pending[0][0]}"
    notes = _annotations(pending)
    if "@pred" in notes:
        head = parse_clause("+ " + notes["@pred"], "", where).head
        params = tuple(a.name if isinstance(a, Var) else "?" for a in head.args)
        for key in ("@says", "@says-not"):
            if key not in notes:
                raise RulebookError(f"{where}: #@pred {head.predicate} needs {key}")
        if head.predicate in predicates:
            raise RulebookError(f"{where}: predicate {head.predicate} declared twice")
        predicates[head.predicate] = Predicate(head.predicate, params, notes["@says"],
                                               notes["@says-not"], where, [])
        return None
    if "@rule" in notes:
        for key in ("@article", "@status", "@gloss"):
            if not notes.get(key):
                raise RulebookError(f"{where}: rule {notes['@rule']} needs {key}")
        if notes["@status"] not in STATUSES:
            raise RulebookError(f"{where}: status must be one of {', '.join(STATUSES)}")
        if notes["@rule"] in rules:
            raise RulebookError(f"{where}: rule id {notes['@rule']} used twice")
        rule = Rule(notes["@rule"], notes["@article"], notes["@status"], notes["@gloss"], where,
                    [])
        rules[rule.id] = rule
        return rule
    raise RulebookError(f"{where}: annotations must start with #@pred or #@rule")


def _link(book: Rulebook) -> None:
    """Attach rules to the predicates they define; check every predicate used is declared."""
    for rule in book.rules.values():
        if not rule.clauses:
            raise RulebookError(f"{rule.where}: rule {rule.id} has no clause")
        heads = {c.head.predicate for c in rule.clauses}
        for clause in rule.clauses:
            for atom in [clause.head, *[b for b in clause.body if isinstance(b, Atom)]]:
                pred = book.predicates.get(atom.predicate)
                if pred is None:
                    raise RulebookError(f"{clause.where}: predicate {atom.predicate} has no #@pred")
                if len(atom.args) != len(pred.params):
                    raise RulebookError(f"{clause.where}: {atom.predicate} takes "
                                        f"{len(pred.params)} arguments")
        for head in heads:
            book.predicates[head].rules.append(rule)
