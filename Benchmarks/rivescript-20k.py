#!/usr/bin/env python3
"""Writes a RiveScript file of 20,000 triggers (or --triggers N; plus a way in and out of each topic
and a catch-all) for the RiveScript import benchmark, the same bytes for the same arguments:
atomic triggers, wildcards (*, #, _), optionals, alternatives, arrays, weights, conditions,
%Previous, redirects, several replies and topics that include and inherit others. With --corpus
it also writes conversations that reach those triggers, as ImportBench and the rivescript-python
side read them: one JSON list of inputs per line.

Usage: rivescript-20k.py [OUT.rive] [--triggers N] [--seed N] [--corpus OUT.jsonl] [--conversations N]"""
import json
import random
import sys

SYLLABLES = ["ka", "lo", "mi", "ta", "ren", "so", "vu", "pel", "dar", "ni", "qua", "zo", "bel", "tor", "ix",
             "ma", "fen", "gal", "hu", "jor", "ke", "lin", "mor", "nep", "ol", "pra", "ru", "sil", "tam", "ul"]
COMMON = ["i", "you", "what", "is", "are", "the", "a", "my", "your", "do", "can", "how", "why", "where",
          "tell", "me", "about", "like", "want", "have", "know", "think", "please", "of", "to", "in"]


def main():
    args = sys.argv[1:]
    out, corpus_path, triggers, seed, conversations = "rivescript-20k.rive", None, 20000, 20, 200
    while args:
        arg = args.pop(0)
        if arg == "--triggers":
            triggers = int(args.pop(0))
        elif arg == "--seed":
            seed = int(args.pop(0))
        elif arg == "--corpus":
            corpus_path = args.pop(0)
        elif arg == "--conversations":
            conversations = int(args.pop(0))
        else:
            out = arg
    rng = random.Random(seed)

    vocabulary = sorted({"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))) for _ in range(6000)})

    def word():
        return rng.choice(COMMON) if rng.random() < 0.35 else rng.choice(vocabulary)

    def words(low, high):
        return [word() for _ in range(rng.randint(low, high))]

    lines = ["! version = 2.0", "", "! var name = Bench", "! var age = 3", ""]
    for key, value in [("what's", "what is"), ("i'm", "i am"), ("don't", "do not"), ("can't", "can not"),
                       ("you're", "you are"), ("it's", "it is"), ("u", "you"), ("r", "are")]:
        lines.append("! sub %s = %s" % (key, value))
    lines += ["", "! person i am = you are", "! person you are = I am", "! person my = your", "! person your = my", ""]
    arrays = []
    for index in range(40):
        name = "list%d" % index
        entries = sorted(set(rng.choice(vocabulary) for _ in range(rng.randint(3, 12))))
        if rng.random() < 0.2:
            entries.append(" ".join(words(2, 2)))
            lines.append("! array %s = %s" % (name, "|".join(entries)))
        else:
            lines.append("! array %s = %s" % (name, " ".join(entries)))
        arrays.append((name, [e for e in entries]))
    lines.append("")

    inputs = []  # what reaches each trigger, for the corpus
    used = set()
    topics = ["random"] + ["room%d" % index for index in range(30)]
    per_topic = {topic: [] for topic in topics}
    plain = []
    made = 0
    while made < triggers:
        topic = "random" if rng.random() < 0.7 else rng.choice(topics[1:])
        kind = rng.random()
        reply_words = " ".join(words(2, 6)).capitalize()
        block = []
        said = None
        if kind < 0.45:  # atomic
            ws = words(2, 6)
            trigger = " ".join(ws)
            said = trigger
        elif kind < 0.60:  # one star
            ws = words(1, 4)
            position = rng.randint(0, len(ws))
            trigger = " ".join(ws[:position] + ["*"] + ws[position:])
            said = " ".join(ws[:position] + words(1, 3) + ws[position:])
            reply_words += " <star>"
        elif kind < 0.66:  # number or letters
            ws = words(2, 4)
            wildcard = rng.choice(["#", "_"])
            trigger = " ".join(ws + [wildcard])
            said = " ".join(ws + [str(rng.randint(1, 99)) if wildcard == "#" else rng.choice(vocabulary)])
            reply_words += " <star>"
        elif kind < 0.74:  # optionals
            ws = words(2, 4)
            optional = "[%s]" % "|".join(words(1, 3))
            trigger = " ".join(ws[:1] + [optional] + ws[1:])
            said = " ".join(ws)
        elif kind < 0.82:  # alternatives
            ws = words(1, 3)
            choices = sorted(set(words(2, 4)))
            trigger = " ".join(ws + ["(%s)" % "|".join(choices)] + words(0, 2))
            said = None
        elif kind < 0.88:  # arrays
            name, entries = rng.choice(arrays)
            ws = words(1, 3)
            captured = rng.random() < 0.5
            trigger = " ".join(ws + ["(@%s)" % name if captured else "@%s" % name])
            said = " ".join(ws + [rng.choice(entries)])
            if captured:
                reply_words += " <star>"
        elif kind < 0.92:  # weights
            ws = words(1, 3)
            trigger = " ".join(ws + ["*"]) + "{weight=%d}" % rng.randint(2, 50)
            said = " ".join(ws + words(1, 2))
        else:  # more atomic triggers with tags in the reply
            ws = words(2, 5)
            trigger = " ".join(ws)
            said = trigger
            reply_words = rng.choice(["I am <bot name>.", "<set last=%s>Set." % rng.choice(vocabulary), "You said <get last>.",
                                      "{uppercase}%s{/uppercase}" % " ".join(words(1, 3)), "{random}yes|no|maybe{/random}"])
        key = (topic, trigger)
        if key in used:
            continue
        used.add(key)
        made += 1
        block.append("+ " + trigger)
        shape = rng.random()
        if shape < 0.05 and plain:
            block.append("@ " + rng.choice(plain))
        elif shape < 0.10:
            block.append("* <get last> == %s => Condition met." % rng.choice(vocabulary))
            block.append("- " + reply_words)
        elif shape < 0.20:
            block.append("- " + reply_words)
            block.append("- " + " ".join(words(2, 5)).capitalize() + ".")
        else:
            block.append("- " + reply_words + ".")
        if rng.random() < 0.02:
            block.insert(1, "% " + " ".join(words(2, 4)))
        per_topic[topic].append(block)
        if topic == "random" and " " in trigger and all(c.isalnum() or c == " " for c in trigger):
            plain.append(trigger)
        if said is not None and topic == "random":
            inputs.append(said)

    for topic in topics:
        if topic != "random":
            header = "> topic " + topic
            if rng.random() < 0.3:
                header += " includes " + rng.choice(topics[1:])
            if rng.random() < 0.3:
                header += " inherits random"
            lines.append(header)
            per_topic[topic].append(["+ leave", "- Leaving.{topic=random}"])
        for block in per_topic[topic]:
            lines += block + [""]
        if topic != "random":
            lines += ["< topic", ""]
    lines += ["+ enter *", "- Entering <star>.{topic=<star>}", "", "+ *", "- I do not know that one.", ""]

    with open(out, "w") as handle:
        handle.write("\n".join(lines))
    count = sum(1 for line in lines if line.startswith("+ "))
    print("%s: %d triggers, %d lines" % (out, count, len(lines)))

    if corpus_path:
        with open(corpus_path, "w") as handle:
            for _ in range(conversations):
                turns = [rng.choice(inputs) for _ in range(rng.randint(3, 8))]
                if rng.random() < 0.2:
                    turns.insert(rng.randint(0, len(turns)), "enter " + rng.choice(topics[1:]))
                handle.write(json.dumps(turns) + "\n")
        print("%s: %d conversations" % (corpus_path, conversations))


if __name__ == "__main__":
    main()
