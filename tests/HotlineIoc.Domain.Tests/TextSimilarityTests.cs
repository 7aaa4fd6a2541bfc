using HotlineIoc.Domain.Cases;

namespace HotlineIoc.Domain.Tests;

public sealed class TextSimilarityTests
{
    [Fact]
    public void The_same_problem_in_other_words_scores_above_the_threshold()
    {
        var score = TextSimilarity.Score("Đèn đường hỏng trước số 12 Lê Duẩn", "Đèn đường trước nhà số 12 Lê Duẩn bị hỏng mấy hôm nay");
        Assert.True(score >= TextSimilarity.DuplicateThreshold, $"score {score}");
    }

    [Fact]
    public void Diacritics_and_case_do_not_matter()
    {
        Assert.Equal(1.0, TextSimilarity.Score("ĐÈN ĐƯỜNG HỎNG", "den duong hong"));
    }

    [Fact]
    public void Different_problems_score_below_the_threshold()
    {
        var score = TextSimilarity.Score("Đèn đường hỏng trước số 12 Lê Duẩn", "Rác thải đổ trộm ở góc chợ phường Tân An");
        Assert.True(score < TextSimilarity.DuplicateThreshold, $"score {score}");
    }

    [Theory]
    [InlineData("", "Đèn hỏng")]
    [InlineData(null, "Đèn hỏng")]
    [InlineData("  ", "  ")]
    public void Empty_text_shares_nothing(string? a, string? b) => Assert.Equal(0, TextSimilarity.Score(a, b));

    [Fact]
    public void Words_fold_d_stroke_and_keep_house_numbers()
    {
        Assert.Equal(["duong", "12", "le", "duan"], TextSimilarity.Words("Đường 12 Lê Duẩn, a"));
    }
}
