// Every test process runs with the scope guard locked to loopback (architecture §6).
process.env.HYGIE_NET_ALLOW = '127.0.0.0/8';
process.env.HYGIE_LOG_LEVEL ??= 'silent';
