"""The anonymous co-production check: rounds, answers, results, cards, trends and export."""
