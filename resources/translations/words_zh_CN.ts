<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<!-- written by packaging/build_ui.py from merchant_console/core/words.py: edit that, not this -->
<context>
    <name>Words</name>
    <message>
        <source>Awaiting merchant</source>
        <comment>statuses</comment>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Platform review</source>
        <comment>statuses</comment>
        <translation>平台介入</translation>
    </message>
    <message>
        <source>Refunding</source>
        <comment>statuses</comment>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Refunded</source>
        <comment>statuses</comment>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Payout failed</source>
        <comment>statuses</comment>
        <translation>打款失败</translation>
    </message>
    <message>
        <source>Rejected</source>
        <comment>statuses</comment>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Appealed</source>
        <comment>statuses</comment>
        <translation>申诉中</translation>
    </message>
    <message>
        <source>Closed</source>
        <comment>statuses</comment>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <comment>statuses</comment>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Negotiating</source>
        <comment>statuses</comment>
        <translation>协商中</translation>
    </message>
    <message>
        <source>Card re-issued</source>
        <comment>statuses</comment>
        <translation>已补发</translation>
    </message>
    <message>
        <source>Submitted</source>
        <comment>progress</comment>
        <translation>提交</translation>
    </message>
    <message>
        <source>Review</source>
        <comment>progress</comment>
        <translation>审核</translation>
    </message>
    <message>
        <source>Refunding</source>
        <comment>progress</comment>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Refunded</source>
        <comment>progress</comment>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Not received</source>
        <comment>refund_types</comment>
        <translation>未收到货</translation>
    </message>
    <message>
        <source>Not as described</source>
        <comment>refund_types</comment>
        <translation>商品描述不符</translation>
    </message>
    <message>
        <source>Other</source>
        <comment>refund_types</comment>
        <translation>其他原因</translation>
    </message>
    <message>
        <source>Game card</source>
        <comment>categories</comment>
        <translation>游戏点卡</translation>
    </message>
    <message>
        <source>Phone top-up</source>
        <comment>categories</comment>
        <translation>话费充值</translation>
    </message>
    <message>
        <source>Gift card</source>
        <comment>categories</comment>
        <translation>礼品卡</translation>
    </message>
    <message>
        <source>Membership code</source>
        <comment>categories</comment>
        <translation>会员激活码</translation>
    </message>
    <message>
        <source>Other</source>
        <comment>categories</comment>
        <translation>其他</translation>
    </message>
    <message>
        <source>Alipay</source>
        <comment>channels</comment>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <comment>channels</comment>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Bank card</source>
        <comment>channels</comment>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Balance</source>
        <comment>channels</comment>
        <translation>余额</translation>
    </message>
    <message>
        <source>1–2 hours</source>
        <comment>payout_etas</comment>
        <translation>1–2 小时</translation>
    </message>
    <message>
        <source>1–3 working days</source>
        <comment>payout_etas</comment>
        <translation>1–3 个工作日</translation>
    </message>
    <message>
        <source>instant</source>
        <comment>payout_etas</comment>
        <translation>即时到账</translation>
    </message>
    <message>
        <source>Unused</source>
        <comment>card_statuses</comment>
        <translation>未使用</translation>
    </message>
    <message>
        <source>Activated</source>
        <comment>card_statuses</comment>
        <translation>已激活</translation>
    </message>
    <message>
        <source>Partly used</source>
        <comment>card_statuses</comment>
        <translation>部分使用</translation>
    </message>
    <message>
        <source>Unknown</source>
        <comment>card_statuses</comment>
        <translation>未知</translation>
    </message>
    <message>
        <source>Screenshot</source>
        <comment>evidence_kinds</comment>
        <translation>截图</translation>
    </message>
    <message>
        <source>Chat</source>
        <comment>evidence_kinds</comment>
        <translation>聊天记录</translation>
    </message>
    <message>
        <source>Top-up record</source>
        <comment>evidence_kinds</comment>
        <translation>充值记录</translation>
    </message>
    <message>
        <source>Photo</source>
        <comment>evidence_kinds</comment>
        <translation>照片</translation>
    </message>
    <message>
        <source>Other</source>
        <comment>evidence_kinds</comment>
        <translation>其他</translation>
    </message>
    <message>
        <source>Approve</source>
        <comment>actions</comment>
        <translation>同意退款</translation>
    </message>
    <message>
        <source>Partial refund</source>
        <comment>actions</comment>
        <translation>部分退款</translation>
    </message>
    <message>
        <source>Reject</source>
        <comment>actions</comment>
        <translation>拒绝退款</translation>
    </message>
    <message>
        <source>Card already activated or used</source>
        <comment>reasons</comment>
        <translation>卡密已激活或已使用</translation>
    </message>
    <message>
        <source>Outside the refund window</source>
        <comment>reasons</comment>
        <translation>超出退款时限</translation>
    </message>
    <message>
        <source>Insufficient evidence</source>
        <comment>reasons</comment>
        <translation>凭证不足</translation>
    </message>
    <message>
        <source>Delivered as described</source>
        <comment>reasons</comment>
        <translation>商品与描述一致</translation>
    </message>
    <message>
        <source>Buyer input error</source>
        <comment>reasons</comment>
        <translation>买家操作失误</translation>
    </message>
    <message>
        <source>Refund of the unused value</source>
        <comment>reasons</comment>
        <translation>按剩余价值退款</translation>
    </message>
    <message>
        <source>Negotiated partial refund</source>
        <comment>reasons</comment>
        <translation>协商部分退款</translation>
    </message>
    <message>
        <source>Other</source>
        <comment>reasons</comment>
        <translation>其他</translation>
    </message>
    <message>
        <source>Staff</source>
        <comment>deciders</comment>
        <translation>员工</translation>
    </message>
    <message>
        <source>Fast-refund system</source>
        <comment>deciders</comment>
        <translation>极速退款系统</translation>
    </message>
    <message>
        <source>Platform CS</source>
        <comment>deciders</comment>
        <translation>平台客服</translation>
    </message>
    <message>
        <source>Pending</source>
        <comment>appeal_outcomes</comment>
        <translation>待裁定</translation>
    </message>
    <message>
        <source>Rejection upheld</source>
        <comment>appeal_outcomes</comment>
        <translation>维持拒绝</translation>
    </message>
    <message>
        <source>Overturned: refunded</source>
        <comment>appeal_outcomes</comment>
        <translation>改判退款</translation>
    </message>
    <message>
        <source>Partial refund</source>
        <comment>proposal_kinds</comment>
        <translation>部分退款</translation>
    </message>
    <message>
        <source>Re-issue the card</source>
        <comment>proposal_kinds</comment>
        <translation>补发卡密</translation>
    </message>
    <message>
        <source>Waiting for the buyer</source>
        <comment>proposal_states</comment>
        <translation>等待买家答复</translation>
    </message>
    <message>
        <source>Accepted</source>
        <comment>proposal_states</comment>
        <translation>买家已同意</translation>
    </message>
    <message>
        <source>Declined</source>
        <comment>proposal_states</comment>
        <translation>买家已拒绝</translation>
    </message>
    <message>
        <source>Expired</source>
        <comment>proposal_states</comment>
        <translation>买家未答复</translation>
    </message>
    <message>
        <source>Buyer</source>
        <comment>message_senders</comment>
        <translation>买家</translation>
    </message>
    <message>
        <source>Merchant</source>
        <comment>message_senders</comment>
        <translation>商家</translation>
    </message>
    <message>
        <source>Customer service</source>
        <comment>message_senders</comment>
        <translation>平台客服</translation>
    </message>
    <message>
        <source>Checking with the supplier</source>
        <comment>extension_reasons</comment>
        <translation>正在与上游供货商核实</translation>
    </message>
    <message>
        <source>Waiting for the buyer's information</source>
        <comment>extension_reasons</comment>
        <translation>等待买家补充信息</translation>
    </message>
    <message>
        <source>Holiday</source>
        <comment>extension_reasons</comment>
        <translation>节假日</translation>
    </message>
    <message>
        <source>Other</source>
        <comment>extension_reasons</comment>
        <translation>其他</translation>
    </message>
    <message>
        <source>Same image</source>
        <comment>signal_labels</comment>
        <translation>同图</translation>
    </message>
    <message>
        <source>Similar image</source>
        <comment>signal_labels</comment>
        <translation>相似图</translation>
    </message>
    <message>
        <source>Edited</source>
        <comment>signal_labels</comment>
        <translation>已编辑</translation>
    </message>
    <message>
        <source>Card used</source>
        <comment>signal_labels</comment>
        <translation>卡密已用</translation>
    </message>
    <message>
        <source>Late request</source>
        <comment>signal_labels</comment>
        <translation>超时申请</translation>
    </message>
    <message>
        <source>Serial refunder</source>
        <comment>signal_labels</comment>
        <translation>频繁退款</translation>
    </message>
    <message>
        <source>Other order no.</source>
        <comment>signal_labels</comment>
        <translation>订单号不符</translation>
    </message>
    <message>
        <source>Shows success</source>
        <comment>signal_labels</comment>
        <translation>截图显示成功</translation>
    </message>
    <message>
        <source>Amount differs</source>
        <comment>signal_labels</comment>
        <translation>金额不符</translation>
    </message>
    <message>
        <source>Dated before delivery</source>
        <comment>signal_labels</comment>
        <translation>截图早于发货</translation>
    </message>
    <message>
        <source>Dated after the window</source>
        <comment>signal_labels</comment>
        <translation>截图晚于时限</translation>
    </message>
    <message>
        <source>Order no. matches</source>
        <comment>signal_labels</comment>
        <translation>订单号一致</translation>
    </message>
    <message>
        <source>{this} is the very same file as {other} of order {order}.</source>
        <comment>signal_sentences</comment>
        <translation>{this}与订单{order}的{other}是同一个文件。</translation>
    </message>
    <message>
        <source>{this} is the same picture as {other} of order {order}, saved again (resized, cropped or re-encoded: the same text in the same places).</source>
        <comment>signal_sentences</comment>
        <translation>{this}与订单{order}的{other}是同一张图，重新保存、缩放或裁剪过（文字和位置都相同）。</translation>
    </message>
    <message>
        <source>{this} was saved by {software}, an image editor (EXIF Software).</source>
        <comment>signal_sentences</comment>
        <translation>{this}的EXIF显示经图片编辑软件{software}处理过。</translation>
    </message>
    <message>
        <source>The card is partly used: {used} already spent.</source>
        <comment>signal_sentences</comment>
        <translation>卡密已部分使用，已用{used}。</translation>
    </message>
    <message>
        <source>The card has already been activated.</source>
        <comment>signal_sentences</comment>
        <translation>卡密已被激活。</translation>
    </message>
    <message>
        <source>The buyer asked {after} after delivery, outside the {window}-minute refund window.</source>
        <comment>signal_sentences</comment>
        <translation>买家在发货{after}后才申请退款，超出{window}分钟的退款时限。</translation>
    </message>
    <message>
        <source>This buyer asked for {refunds} on {orders} in 90 days.</source>
        <comment>signal_sentences</comment>
        <translation>该买家近90天在{orders}中申请了{refunds}。</translation>
    </message>
    <message>
        <source>{this} shows order {shown}, not this order's {own}.</source>
        <comment>signal_sentences</comment>
        <translation>{this}中的订单号 {shown} 不是本订单 {own}。</translation>
    </message>
    <message>
        <source>{this} shows order {shown}, not this order's {own}: that order has another refund in this shop.</source>
        <comment>signal_sentences</comment>
        <translation>{this}中的订单号 {shown} 不是本订单 {own}，而是本店另一笔退款的订单。</translation>
    </message>
    <message>
        <source>{this} shows “{phrase}”, but the buyer says: {claim}.</source>
        <comment>signal_sentences</comment>
        <translation>{this}显示“{phrase}”，但买家称：{claim}。</translation>
    </message>
    <message>
        <source>{this} shows {shown}; this order was paid {paid}.</source>
        <comment>signal_sentences</comment>
        <translation>{this}显示金额 {shown}，本订单实付 {paid}。</translation>
    </message>
    <message>
        <source>{this} is dated {at}, before the card was delivered ({delivered}).</source>
        <comment>signal_sentences</comment>
        <translation>{this}上的时间 {at} 早于发货时间 {delivered}。</translation>
    </message>
    <message>
        <source>{this} is dated {at}, after the {window}-minute refund window closed.</source>
        <comment>signal_sentences</comment>
        <translation>{this}上的时间 {at} 已超出{window}分钟的退款时限。</translation>
    </message>
    <message>
        <source>{this} shows this order's number {own}.</source>
        <comment>signal_sentences</comment>
        <translation>{this}中的订单号 {own} 与本订单一致。</translation>
    </message>
    <message>
        <source>This image</source>
        <comment>signal_words</comment>
        <translation>此图</translation>
    </message>
    <message>
        <source>an image</source>
        <comment>signal_words</comment>
        <translation>一张图片</translation>
    </message>
    <message>
        <source>image {n}</source>
        <comment>signal_words</comment>
        <translation>图{n}</translation>
    </message>
    <message>
        <source>1 refund</source>
        <comment>signal_words</comment>
        <translation>1次退款</translation>
    </message>
    <message>
        <source>{n} refunds</source>
        <comment>signal_words</comment>
        <translation>{n}次退款</translation>
    </message>
    <message>
        <source>1 order</source>
        <comment>signal_words</comment>
        <translation>1个订单</translation>
    </message>
    <message>
        <source>{n} orders</source>
        <comment>signal_words</comment>
        <translation>{n}个订单</translation>
    </message>
    <message>
        <source>{days}d {hours}h</source>
        <comment>durations</comment>
        <translation>{days}天{hours}小时</translation>
    </message>
    <message>
        <source>{hours}h {minutes}m</source>
        <comment>durations</comment>
        <translation>{hours}小时{minutes}分</translation>
    </message>
    <message>
        <source>{minutes}m {seconds}s</source>
        <comment>durations</comment>
        <translation>{minutes}分{seconds}秒</translation>
    </message>
    <message>
        <source>{seconds}s</source>
        <comment>durations</comment>
        <translation>{seconds}秒</translation>
    </message>
    <message>
        <source>{d} left</source>
        <comment>countdowns</comment>
        <translation>剩余 {d}</translation>
    </message>
    <message>
        <source>auto-approves in {d}</source>
        <comment>countdowns</comment>
        <translation>{d}后自动同意</translation>
    </message>
    <message>
        <source>escalates in {d}</source>
        <comment>countdowns</comment>
        <translation>{d}后平台介入</translation>
    </message>
    <message>
        <source>statement due in {d}</source>
        <comment>countdowns</comment>
        <translation>申诉说明剩余 {d}</translation>
    </message>
    <message>
        <source>{d} overdue</source>
        <comment>countdowns</comment>
        <translation>已超时 {d}</translation>
    </message>
    <message>
        <source>auto-approval {d} ago</source>
        <comment>countdowns</comment>
        <translation>自动同意已过 {d}</translation>
    </message>
</context>
</TS>
