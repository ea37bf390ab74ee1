"""Builds related-lemmas.tsv (pairs of event trigger lemmas that may name the same event) from WordNet 3.0 index files.

Usage: python3 make_related_lemmas.py /path/to/wordnet-3.0 > related-lemmas.tsv

Two kinds of pairs, single words only:
- synonyms: two verbs, or two nouns one of which is also a verb, that share a synset among the first two senses of
  each (index.verb, index.noun; synsets with more than eight members are skipped);
- derivations: a verb and a noun whose spelling follows a nominalisation pattern (elect/election, arrive/arrival,
  kill/killing, appoint/appointment) and that both exist in WordNet, plus a short hand-written list of irregular ones.
"""
import sys
from collections import defaultdict

SENSES = 2
IRREGULAR = [
    ("die", "death"), ("invade", "invasion"), ("explode", "explosion"), ("collide", "collision"), ("decide", "decision"),
    ("erupt", "eruption"), ("convict", "conviction"), ("acquire", "acquisition"), ("resign", "resignation"),
    ("sell", "sale"), ("buy", "purchase"), ("fly", "flight"), ("seize", "seizure"), ("fail", "failure"),
    ("shoot", "shot"), ("succeed", "succession"), ("testify", "testimony"), ("lose", "loss"), ("rescue", "rescue"),
    ("quake", "earthquake"), ("tremor", "earthquake"), ("quake", "tremor"), ("murder", "homicide"), ("kill", "murder"),
    ("bomb", "bombing"), ("blast", "explosion"), ("fire", "dismissal"), ("fire", "sack"), ("sack", "dismissal"),
    ("arrest", "detain"), ("detain", "detention"), ("hire", "appoint"), ("name", "appoint"), ("merge", "merger"),
    ("rehab", "rehabilitation"), ("enter", "entry"), ("release", "release"), ("strike", "hit"),
]
SUFFIXES = ["ion", "tion", "ation", "ition", "ment", "al", "ing", "ure", "ance", "ence", "y"]


def read_index(path):
    senses = {}
    for line in open(path, encoding="latin-1"):
        if line.startswith(" "):
            continue
        parts = line.split()
        lemma, synset_count, pointer_count = parts[0], int(parts[2]), int(parts[3])
        if "_" in lemma or not lemma.isalpha():
            continue
        offsets = parts[4 + pointer_count + 2:]
        senses[lemma] = offsets[:synset_count]
    return senses


def synonyms(senses):
    members = defaultdict(list)
    for lemma, offsets in senses.items():
        for offset in offsets[:SENSES]:
            members[offset].append(lemma)
    pairs = set()
    for group in members.values():
        if len(group) > 8:
            continue
        for a in group:
            for b in group:
                if a < b:
                    pairs.add((a, b))
    return pairs


def derivations(verbs, nouns):
    pairs = set()
    for verb in verbs:
        stems = {verb, verb[:-1] if verb.endswith("e") else verb}
        if len(verb) > 2 and verb[-1] == verb[-2]:
            stems.add(verb[:-1])
        if len(verb) > 2 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou" and (len(verb) < 3 or verb[-3] not in "aeiou"):
            stems.add(verb + verb[-1])
        for stem in stems:
            for suffix in SUFFIXES:
                noun = stem + suffix
                if noun != verb and noun in nouns:
                    pairs.add(tuple(sorted((verb, noun))))
    return pairs


def main(folder):
    verbs = read_index(folder + "/index.verb")
    nouns = read_index(folder + "/index.noun")
    noun_pairs = {p for p in synonyms(nouns) if p[0] in verbs or p[1] in verbs}
    pairs = synonyms(verbs) | noun_pairs | derivations(verbs, nouns)
    pairs |= {tuple(sorted(p)) for p in IRREGULAR if p[0] != p[1]}
    print("# Related event lemmas derived from WordNet 3.0 (c) 2006 Princeton University, used under the WordNet 3.0 licence")
    print("# (notice in WORDNET-LICENSE.txt next to this file). Built by make_related_lemmas.py; one pair per line.")
    for a, b in sorted(pairs):
        print(f"{a}\t{b}")


main(sys.argv[1])
