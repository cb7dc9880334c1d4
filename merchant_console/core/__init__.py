"""Qt-free domain: refunds, statuses, policy, money, clocks, countdowns and reason templates."""
