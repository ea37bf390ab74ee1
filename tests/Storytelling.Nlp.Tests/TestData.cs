using Storytelling.Nlp.Corpora;

namespace Storytelling.Nlp.Tests;

internal static class TestData
{
    /// <summary>A few hand-written sentences in CoNLL-U (tags, lemmas and heads as UD EWT would give them).</summary>
    public const string TinyConllu = """
        # newdoc id = d1
        # sent_id = s1
        # text = The mayor visited the shelters.
        1	The	the	DET	DT	_	2	det	_	_
        2	mayor	mayor	NOUN	NN	_	3	nsubj	_	_
        3	visited	visit	VERB	VBD	_	0	root	_	_
        4	the	the	DET	DT	_	5	det	_	_
        5	shelters	shelter	NOUN	NNS	_	3	obj	_	SpaceAfter=No
        6	.	.	PUNCT	.	_	3	punct	_	_

        # sent_id = s2
        # text = She didn't sleep.
        1	She	she	PRON	PRP	_	4	nsubj	_	_
        2-3	didn't	_	_	_	_	_	_	_	_
        2	did	do	AUX	VBD	_	4	aux	_	_
        3	n't	not	PART	RB	_	4	advmod	_	_
        4	sleep	sleep	VERB	VB	_	0	root	_	SpaceAfter=No
        5	.	.	PUNCT	.	_	4	punct	_	_

        # newpar
        # sent_id = s3
        # text = Dogs bark loudly.
        1	Dogs	dog	NOUN	NNS	_	2	nsubj	_	_
        2	bark	bark	VERB	VBP	_	0	root	_	_
        3	loudly	loudly	ADV	RB	_	2	advmod	_	SpaceAfter=No
        3.1	barked	bark	VERB	VBD	_	_	_	2:conj	_
        4	.	.	PUNCT	.	_	2	punct	_	_

        """;

    public static List<ConlluSentence> Tiny() => [.. ConlluReader.Read(new StringReader(TinyConllu), "tiny.conllu")];

    /// <summary>The repository's models/ directory (walking up from the test binaries).</summary>
    public static string ModelsDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "models");
            if (File.Exists(Path.Combine(directory.FullName, "Storytelling.slnx")) && Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("models/ not found above " + AppContext.BaseDirectory);
    }
}
