using Storytelling.Nlp.Models;

namespace Storytelling.Nlp.Tests.Models;

public sealed class ModelFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("nlp-model-tests").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string WriteSample()
    {
        string path = Path.Combine(directory, "model.bin");
        ModelWriter.Write(path, "sample", new Dictionary<string, string> { ["dev_upos"] = "97.1" }, writer =>
        {
            writer.Write(42);
            writer.Write("payload");
        });
        return path;
    }

    private static (int, string) ReadSample(string path) =>
        ModelReader.Load(path, "sample", (_, reader) => (reader.ReadInt32(), reader.ReadString()));

    [Fact]
    public void A_written_model_reads_back_with_its_metadata()
    {
        string path = WriteSample();
        Assert.Equal((42, "payload"), ReadSample(path));
        Assert.Equal("97.1", ModelReader.Read(path, "sample").Metadata["dev_upos"]);
    }

    [Fact]
    public void A_missing_model_file_names_the_file()
    {
        string path = Path.Combine(directory, "absent", "model.bin");
        var error = Assert.Throws<ModelLoadException>(() => ReadSample(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_model_file_names_the_file_and_says_truncated()
    {
        string path = WriteSample();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 40)]);
        var error = Assert.Throws<ModelLoadException>(() => ReadSample(path));
        Assert.Equal(path, error.FilePath);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_model_file_fails_its_checksum()
    {
        string path = WriteSample();
        var bytes = File.ReadAllBytes(path);
        bytes[^40] ^= 0x5A;
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<ModelLoadException>(() => ReadSample(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_rejected_by_its_magic_bytes()
    {
        string path = Path.Combine(directory, "model.bin");
        File.WriteAllText(path, "this is a text file, certainly not a model, but it is long enough");
        var error = Assert.Throws<ModelLoadException>(() => ReadSample(path));
        Assert.Contains("magic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_of_another_component_is_rejected()
    {
        string path = WriteSample();
        var error = Assert.Throws<ModelLoadException>(() => ModelReader.Read(path, "tagger"));
        Assert.Contains("'sample' model, not a 'tagger' model", error.Message, StringComparison.Ordinal);
    }
}
