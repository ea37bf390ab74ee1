namespace Storytelling.Stories.Evaluation;

/// <summary>The Kuhn-Munkres (Hungarian) algorithm with potentials: a one-to-one assignment of rows to columns maximising the total weight.</summary>
internal static class Assignment
{
    /// <summary>The largest total weight of a matching of rows to distinct columns (weights ≥ 0; a rectangular matrix is padded with zeros).</summary>
    public static double MaximumWeight(double[,] weights)
    {
        int rows = weights.GetLength(0), columns = weights.GetLength(1);
        int n = Math.Max(rows, columns);
        if (n == 0)
        {
            return 0;
        }

        // Minimise cost = max − weight over an n×n matrix (1-based arrays, column 0 is the virtual start).
        double max = 0;
        foreach (var w in weights)
        {
            max = Math.Max(max, w);
        }

        double Cost(int i, int j) => i <= rows && j <= columns ? max - weights[i - 1, j - 1] : max;

        var u = new double[n + 1];
        var v = new double[n + 1];
        var rowOfColumn = new int[n + 1];
        var way = new int[n + 1];
        for (int i = 1; i <= n; i++)
        {
            rowOfColumn[0] = i;
            int column = 0;
            var minimum = new double[n + 1];
            var used = new bool[n + 1];
            Array.Fill(minimum, double.PositiveInfinity);
            do
            {
                used[column] = true;
                int row = rowOfColumn[column], next = 0;
                double delta = double.PositiveInfinity;
                for (int j = 1; j <= n; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    double reduced = Cost(row, j) - u[row] - v[j];
                    if (reduced < minimum[j])
                    {
                        minimum[j] = reduced;
                        way[j] = column;
                    }

                    if (minimum[j] < delta)
                    {
                        delta = minimum[j];
                        next = j;
                    }
                }

                for (int j = 0; j <= n; j++)
                {
                    if (used[j])
                    {
                        u[rowOfColumn[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minimum[j] -= delta;
                    }
                }

                column = next;
            }
            while (rowOfColumn[column] != 0);

            do
            {
                int previous = way[column];
                rowOfColumn[column] = rowOfColumn[previous];
                column = previous;
            }
            while (column != 0);
        }

        double total = 0;
        for (int j = 1; j <= columns; j++)
        {
            int i = rowOfColumn[j];
            if (i >= 1 && i <= rows)
            {
                total += weights[i - 1, j - 1];
            }
        }

        return total;
    }
}
