using System.Collections.Frozen;

namespace Storytelling.Nlp.Tokenization.Internal;

/// <summary>Abbreviations that keep their final period (compared lower-case, period included).</summary>
internal static class Abbreviations
{
    /// <summary>Titles and other abbreviations that are followed by a name or number, so never end a sentence.</summary>
    public static readonly FrozenSet<string> NeverFinal = FrozenSet.ToFrozenSet(
    [
        "mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "ft.", "mt.", "gen.", "gov.", "sen.", "rep.", "lt.", "col.", "capt.",
        "cmdr.", "sgt.", "maj.", "adm.", "rev.", "hon.", "pres.", "supt.", "messrs.", "mme.", "mlle.",
        "vs.", "v.", "cf.", "approx.", "fig.", "figs.", "vol.", "pp.", "p.", "dept.",
        "e.g.", "i.e.", "viz.", "ave.", "blvd.", "rd.",
    ], StringComparer.Ordinal);

    /// <summary>Every abbreviation the tokenizer keeps whole.</summary>
    public static readonly FrozenSet<string> All = FrozenSet.ToFrozenSet(NeverFinal.Concat(
    [
        "jr.", "sr.", "inc.", "corp.", "co.", "ltd.", "llc.", "plc.", "bros.", "assn.", "etc.", "al.",
        "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
        "mon.", "tue.", "tues.", "thu.", "thur.", "thurs.", "fri.",
        "a.m.", "p.m.", "u.s.", "u.k.", "u.n.", "e.u.", "d.c.", "u.s.a.", "ph.d.", "m.d.", "b.a.", "m.a.", "b.s.",
        "calif.", "fla.", "tex.", "ariz.", "colo.", "conn.", "kan.", "ky.",
        "mich.", "minn.", "neb.", "nev.", "okla.", "tenn.", "va.",
        "wis.", "wyo.", "ala.", "ark.", "vt.", "n.y.", "n.j.", "n.c.", "s.c.", "n.h.", "n.m.", "n.d.", "s.d.",
        "dist.", "div.", "govt.", "intl.", "natl.", "univ.", "assoc.", "dept.", "hr.", "hrs.",
        "mins.", "sq.", "oz.", "lb.", "lbs.", "ft.", "yr.", "yrs.", "wk.", "wks.", "tel.",
        "ext.", "attn.", "encl.", "misc.", "esp.", "incl.", "corp.", "ass't.", "jr.",
    ]), StringComparer.Ordinal);
}
