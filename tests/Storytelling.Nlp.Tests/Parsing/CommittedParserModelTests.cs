using Storytelling.Nlp.Corpora;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Parsing;
using Storytelling.Nlp.Pipeline;

namespace Storytelling.Nlp.Tests.Parsing;

public sealed class CommittedParserModelTests
{
    private const string Mayor = """
        1	The	the	DET	DT	_	0	_	_	_
        2	mayor	mayor	NOUN	NN	_	0	_	_	_
        3	visited	visit	VERB	VBD	_	0	_	_	_
        4	the	the	DET	DT	_	0	_	_	_
        5	shelters	shelter	NOUN	NNS	_	0	_	_	_
        6	on	on	ADP	IN	_	0	_	_	_
        7	Monday	Monday	PROPN	NNP	_	0	_	_	_
        8	.	.	PUNCT	.	_	0	_	_	_

        """;

    [Fact]
    public void The_committed_model_finds_subject_object_and_root()
    {
        var parser = new DependencyParser(new ModelStore());
        var sentences = ConlluReader.Read(new StringReader(Mayor), "mayor.conllu").ToList();
        var document = Document.FromConllu(sentences, "mayor", Annotations.Tags);

        parser.Process(document, CancellationToken.None);

        Assert.Equal(0, document.Heads[2]);
        Assert.Equal("root", document.Relations[2]);
        Assert.Equal((3, "nsubj"), (document.Heads[1], document.Relations[1]));
        Assert.Equal((3, "obj"), (document.Heads[4], document.Relations[4]));
        Assert.Equal((2, "det"), (document.Heads[0], document.Relations[0]));
        Assert.Equal((3, "obl"), (document.Heads[6], document.Relations[6]));
    }
}
