<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>Cannot open the store</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>FieldApp hit an unexpected error ({0}).

What was saved before is safe. A report for your IT officer was written to:
{1}

You can keep working; if something looks wrong, close FieldApp and start it again.</source>
        <translation>FieldApp 遇到了意外错误（{0}）。

此前已保存的内容都是安全的。已为信息技术人员写好一份报告：
{1}

可以继续工作；如果发现异常，请关闭 FieldApp 后重新启动。</translation>
    </message>
    <message>
        <source>FieldApp was started again on this store: this window is the one to use.</source>
        <translation>FieldApp 在此数据库上被再次启动：请使用本窗口。</translation>
    </message>
    <message>
        <source>FieldApp did not close properly last time (stopped, or the power went off). Everything that was saved is in the store.</source>
        <translation>FieldApp 上次未正常关闭（被强行结束或断电）。已保存的内容都在数据库中。</translation>
    </message>
    <message>
        <source>FieldApp is already open</source>
        <translation>FieldApp 已经打开</translation>
    </message>
    <message>
        <source>FieldApp is already open on this store (process {0} on {1}, since {2}) and did not answer. Only one window may work on a store at a time. Switch to that window, or if it is hung, close it and start FieldApp again.</source>
        <translation>FieldApp 已在此数据库上打开（{1} 上的进程 {0}，自 {2} 起），但没有响应。同一时间只能有一个窗口使用一个数据库。请切换到那个窗口；如果它已卡死，请将其关闭后重新启动 FieldApp。</translation>
    </message>
</context>
<context>
    <name>Common</name>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Something went wrong: {0}</source>
        <translation>出现问题：{0}</translation>
    </message>
    <message>
        <source>Please check</source>
        <translation>请核对</translation>
    </message>
    <message>
        <source>Save it anyway?</source>
        <translation>仍要保存吗？</translation>
    </message>
</context>
<context>
    <name>CustodyDialog</name>
    <message>
        <source>Chain of custody: hand over sample</source>
        <translation>样品交接（流转记录）</translation>
    </message>
    <message>
        <source>Each hand-over is recorded for good and cannot be edited afterwards.</source>
        <translation>每次交接都会永久记录，之后不能修改。</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>交出人(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>接收人(&amp;T)：</translation>
    </message>
    <message>
        <source>person or laboratory receiving the sample</source>
        <translation>接收样品的人员或实验室</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>时间(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Where:</source>
        <translation>地点(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Condition:</source>
        <translation>样品状况(&amp;C)：</translation>
    </message>
    <message>
        <source>e.g. sealed, intact, kept at 4 °C</source>
        <translation>例如：密封完好，4 ℃冷藏</translation>
    </message>
    <message>
        <source>New &amp;status:</source>
        <translation>新状态(&amp;S)：</translation>
    </message>
    <message>
        <source>Hand over sample {0}</source>
        <translation>样品交接：{0}</translation>
    </message>
</context>
<context>
    <name>DrillUi</name>
    <message>
        <source>drill: {0}</source>
        <translation>演练：{0}</translation>
    </message>
    <message>
        <source>Drill inject: {0}</source>
        <translation>演练情况通报：{0}</translation>
    </message>
    <message>
        <source>Start a drill</source>
        <translation>开始演练</translation>
    </message>
    <message>
        <source>Choose a scenario. A drill is an exercise: it is marked as such everywhere and kept out of real exports, bundles and the report archive.</source>
        <translation>请选择情景。演练处处标明“演练”，不进入正式导出、同步包和报告档案。</translation>
    </message>
    <message>
        <source>Drill scorecard</source>
        <translation>演练评分</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>met</source>
        <translation>达到</translation>
    </message>
    <message>
        <source>not met</source>
        <translation>未达到</translation>
    </message>
    <message>
        <source>open</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>Checklist steps skipped: {0}</source>
        <translation>未完成的处置要点：{0}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>&amp;Export as PDF…</source>
        <translation>导出PDF(&amp;E)…</translation>
    </message>
    <message>
        <source>Save the scorecard</source>
        <translation>保存评分表</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Delete this drill?</source>
        <translation>删除本次演练？</translation>
    </message>
    <message>
        <source>Delete the drill {0} with everything recorded in it? This cannot be undone; real incidents are never affected.</source>
        <translation>确定删除演练 {0} 及其全部记录吗？此操作不可撤销；真实事件不受影响。</translation>
    </message>
</context>
<context>
    <name>Exceedance</name>
    <message>
        <source>Double-click to open the pollutant page.</source>
        <translation>双击打开该污染物的工具包页面。</translation>
    </message>
</context>
<context>
    <name>GuidePanel</name>
    <message>
        <source>Proposed sampling points</source>
        <translation>建议的采样点位</translation>
    </message>
    <message>
        <source>Proposed from the river line (chainage from its upstream end). Space unticks a point; Enter adds the ticked ones.</source>
        <translation>按河道线建议（里程自河道上游端起算）。空格键取消勾选，回车添加已勾选的点位。</translation>
    </message>
    <message>
        <source>Understood</source>
        <translation>知道了</translation>
    </message>
    <message>
        <source>DRILL — exercise, not a real incident</source>
        <translation>演练——非真实事件</translation>
    </message>
    <message>
        <source>No incident open</source>
        <translation>尚未打开事件</translation>
    </message>
    <message>
        <source>All first-hour steps are done. Keep the follow-up reports coming.</source>
        <translation>首小时步骤均已完成。请继续按进展续报。</translation>
    </message>
    <message>
        <source>Next: {0} — {1}</source>
        <translation>下一步：{0}——{1}</translation>
    </message>
    <message>
        <source>{0} sampling point(s) added</source>
        <translation>已添加 {0} 个采样点位</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>FieldApp user guide</source>
        <translation>FieldApp 使用指南</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <source>Team identity</source>
        <translation>队伍身份</translation>
    </message>
    <message>
        <source>FieldApp stamps every record with who made it, so the working group can tell teams apart when data are merged. Enter this once; you can change it later in the File menu.</source>
        <translation>每条记录都会标注由谁记录，工作组汇总多支队伍的数据时才能分清来源。只需填写一次，以后可在“文件”菜单中修改。</translation>
    </message>
    <message>
        <source>Reporting &amp;unit:</source>
        <translation>报告单位(&amp;U)：</translation>
    </message>
    <message>
        <source>e.g. Some County Ecology and Environment Bureau</source>
        <translation>例如：某县生态环境局</translation>
    </message>
    <message>
        <source>&amp;Team name:</source>
        <translation>队伍名称(&amp;T)：</translation>
    </message>
    <message>
        <source>e.g. Monitoring team 1</source>
        <translation>例如：应急监测一队</translation>
    </message>
    <message>
        <source>&amp;Members:</source>
        <translation>队员(&amp;M)：</translation>
    </message>
    <message>
        <source>names, separated by commas</source>
        <translation>姓名，用逗号分隔</translation>
    </message>
    <message>
        <source>&amp;Device name:</source>
        <translation>设备名称(&amp;D)：</translation>
    </message>
    <message>
        <source>e.g. laptop-01</source>
        <translation>例如：笔记本01</translation>
    </message>
</context>
<context>
    <name>IncidentDialog</name>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>e.g. Tailings pond leak into the X river</source>
        <translation>例如：某尾矿库泄漏污染某河</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Location:</source>
        <translation>地点(&amp;L)：</translation>
    </message>
    <message>
        <source>county, river, landmark</source>
        <translation>县、河流、地标</translation>
    </message>
    <message>
        <source>&amp;Discovered at:</source>
        <translation>发现时间(&amp;D)：</translation>
    </message>
    <message>
        <source>Applicable &amp;standard:</source>
        <translation>适用标准(&amp;S)：</translation>
    </message>
    <message>
        <source>Standard at &amp;intakes:</source>
        <translation>取水口评价标准(&amp;I)：</translation>
    </message>
    <message>
        <source>D&amp;escription:</source>
        <translation>说明(&amp;E)：</translation>
    </message>
    <message>
        <source>New incident</source>
        <translation>新建事件</translation>
    </message>
    <message>
        <source>Say what kind of incident it is and what is known; the matching checklist and the first steps follow. Everything can be changed later.</source>
        <translation>先选择事件类型并填写已知情况；随后自动打开对应的处置要点和首小时步骤。所有内容以后都可以修改。</translation>
    </message>
    <message>
        <source>&amp;Pollutant (if known):</source>
        <translation>污染物（如已知）(&amp;P)：</translation>
    </message>
    <message>
        <source>Release p&amp;osition (if known):</source>
        <translation>泄漏位置（如已知）(&amp;O)：</translation>
    </message>
    <message>
        <source>latitude, e.g. 24.6512</source>
        <translation>纬度，例如 24.6512</translation>
    </message>
    <message>
        <source>longitude, e.g. 108.3325</source>
        <translation>经度，例如 108.3325</translation>
    </message>
    <message>
        <source>(not known yet)</source>
        <translation>（尚不清楚）</translation>
    </message>
    <message>
        <source>Release point</source>
        <translation>泄漏点</translation>
    </message>
</context>
<context>
    <name>InstrumentsPanel</name>
    <message>
        <source>Connect a device</source>
        <translation>连接设备</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>Profile file…</source>
        <translation>配置文件…</translation>
    </message>
    <message>
        <source>Add a device profile (.yaml) describing an instrument FieldApp does not know</source>
        <translation>添加设备配置文件（.yaml），描述 FieldApp 尚不认识的仪器</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>e.g. WTW-1</source>
        <translation>例如 WTW-1</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>断开(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Auto-record every</source>
        <translation>自动记录(&amp;A)，间隔</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>No valid data</source>
        <translation>无有效数据</translation>
    </message>
    <message>
        <source>Disconnecting…</source>
        <translation>正在断开…</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <source>Learn a ne&amp;w device…</source>
        <translation>新设备（自动识别）(&amp;W)…</translation>
    </message>
    <message>
        <source>Connect an instrument FieldApp does not know: it listens, proposes a profile and shows what it would read</source>
        <translation>连接 FieldApp 尚不认识的仪器：先监听数据，再提出配置，并显示将读到的数值</translation>
    </message>
    <message>
        <source>Profile {0} saved in your profile folder: choose it and connect.</source>
        <translation>配置 {0} 已保存到您的配置文件夹：选择它并连接。</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>Your device profiles: {0}</source>
        <translation>您的设备配置文件夹：{0}</translation>
    </message>
    <message>
        <source> (modelled format: check with the device)</source>
        <translation>（按手册建模的格式：请用实际设备核对）</translation>
    </message>
    <message>
        <source>Device profile</source>
        <translation>设备配置文件</translation>
    </message>
    <message>
        <source>Device profiles (*.yaml *.yml)</source>
        <translation>设备配置文件 (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Profile {0} added.</source>
        <translation>已添加设备配置 {0}。</translation>
    </message>
    <message>
        <source>Choose a port and a device profile first.</source>
        <translation>请先选择端口和设备配置。</translation>
    </message>
    <message>
        <source>Port {0} is already open for {1}: disconnect it first, or choose another port.</source>
        <translation>端口 {0} 已被 {1} 占用：请先断开它，或选择其他端口。</translation>
    </message>
    <message>
        <source>opening the port…</source>
        <translation>正在打开端口…</translation>
    </message>
    <message>
        <source>Select the device row to disconnect first.</source>
        <translation>请先选中要断开的设备行。</translation>
    </message>
    <message>
        <source>Readings go to point {0}</source>
        <translation>读数记入点位 {0}</translation>
    </message>
    <message>
        <source>No sampling point selected: readings are kept, linked to the incident only.</source>
        <translation>未选择采样点：读数照常保存，仅关联到本事件。</translation>
    </message>
    <message>
        <source>⚠ Readings are not being saved yet: {0}</source>
        <translation>⚠ 读数暂未能保存：{0}</translation>
    </message>
    <message>
        <source>GPS: no fix</source>
        <translation>GPS：未定位</translation>
    </message>
    <message>
        <source>{0} sat.</source>
        <translation>{0} 颗卫星</translation>
    </message>
    <message>
        <source>datum {0}, not WGS 84</source>
        <translation>坐标基准为 {0}，不是 WGS 84</translation>
    </message>
    <message>
        <source>GPS: {0:.6f}, {1:.6f}</source>
        <translation>GPS：{0:.6f}, {1:.6f}</translation>
    </message>
    <message>
        <source>Select a sampling point first.</source>
        <translation>请先选择采样点。</translation>
    </message>
    <message>
        <source>No live values to record yet.</source>
        <translation>还没有可记录的实时读数。</translation>
    </message>
    <message>
        <source>Recorded {0} value(s) at {1}.</source>
        <translation>已在 {1} 记录 {0} 个读数。</translation>
    </message>
    <message>
        <source>Not recorded: {0}</source>
        <translation>未记录：{0}</translation>
    </message>
    <message>
        <source>Instruments</source>
        <translation>仪器</translation>
    </message>
    <message>
        <source>Refresh port&amp;s</source>
        <translation>刷新端口(&amp;S)</translation>
    </message>
    <message>
        <source>Pr&amp;ofile:</source>
        <translation>配置(&amp;O)：</translation>
    </message>
    <message>
        <source>Record current &amp;values (F9)</source>
        <translation>记录当前读数(&amp;V) (F9)</translation>
    </message>
</context>
<context>
    <name>LabelScan</name>
    <message>
        <source>Scan or type a sample label (F8)</source>
        <translation>扫描或输入样品标签（F8）</translation>
    </message>
    <message>
        <source>No sample with this label in this store</source>
        <translation>本数据库中没有此标签对应的样品</translation>
    </message>
    <message>
        <source>Selected {0}</source>
        <translation>已选中 {0}</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Collected</source>
        <translation>已采集</translation>
    </message>
    <message>
        <source>In transit</source>
        <translation>运送中</translation>
    </message>
    <message>
        <source>Received by lab</source>
        <translation>实验室已接收</translation>
    </message>
    <message>
        <source>Analysed</source>
        <translation>已分析</translation>
    </message>
    <message>
        <source>Disposed</source>
        <translation>已处置</translation>
    </message>
    <message>
        <source>Observation</source>
        <translation>现场观察</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>采取措施</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>决策</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>检查清单</translation>
    </message>
</context>
<context>
    <name>LearnDialog</name>
    <message>
        <source>Set up a new device</source>
        <translation>设置新设备</translation>
    </message>
    <message>
        <source>1. Connect the cable and switch the device to continuous output (or type the command it answers). 2. Listen: FieldApp tries the common speeds and shows what it hears. 3. Check the names it proposes, then save.</source>
        <translation>1. 连接数据线，并把仪器设为连续输出（或填写它应答的命令）。2. 点“监听”：FieldApp 依次尝试常用波特率并显示收到的内容。3. 核对建议的参数名称，然后保存。</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>Co&amp;mmand (optional):</source>
        <translation>命令（可选）(&amp;M)：</translation>
    </message>
    <message>
        <source>e.g. GETMEAS</source>
        <translation>例如 GETMEAS</translation>
    </message>
    <message>
        <source>&amp;Listen</source>
        <translation>监听(&amp;L)</translation>
    </message>
    <message>
        <source>The lines the device sends appear here.</source>
        <translation>仪器发送的数据行显示在这里。</translation>
    </message>
    <message>
        <source>What each value is (choose another parameter where the proposal is wrong):</source>
        <translation>每个数值代表什么（建议有误时请改选参数）：</translation>
    </message>
    <message>
        <source>Profile &amp;name:</source>
        <translation>配置名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Save profile</source>
        <translation>保存配置(&amp;S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Device label</source>
        <translation>仪器标签</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Value read</source>
        <translation>读到的数值</translation>
    </message>
    <message>
        <source>Type the port the cable is on first.</source>
        <translation>请先填写数据线所在的端口。</translation>
    </message>
    <message>
        <source>Port {0} is open for a connected device: disconnect it first.</source>
        <translation>端口 {0} 正被已连接的设备使用：请先断开。</translation>
    </message>
    <message>
        <source>Listening on {0} at the common baud rates…</source>
        <translation>正在以常用波特率监听 {0}…</translation>
    </message>
    <message>
        <source>Heard {0} lines at {1} baud.</source>
        <translation>以 {1} 波特率收到 {0} 行。</translation>
    </message>
    <message>
        <source>— not named —</source>
        <translation>— 未命名 —</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>已保存 {0}。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>FieldApp</source>
        <translation>FieldApp 环境应急现场助手</translation>
    </message>
    <message>
        <source>&amp;Incident:</source>
        <translation>当前事件(&amp;I)：</translation>
    </message>
    <message>
        <source>New incident…</source>
        <translation>新建事件…</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>采样记录</translation>
    </message>
    <message>
        <source>Sampling points</source>
        <translation>采样点位</translation>
    </message>
    <message>
        <source>&amp;Add point</source>
        <translation>添加点位(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Delete point</source>
        <translation>删除点位(&amp;D)</translation>
    </message>
    <message>
        <source>Measurements</source>
        <translation>监测数据</translation>
    </message>
    <message>
        <source>Add &amp;measurement</source>
        <translation>录入监测数据(&amp;M)</translation>
    </message>
    <message>
        <source>Samples and custody</source>
        <translation>样品与交接</translation>
    </message>
    <message>
        <source>Add &amp;sample</source>
        <translation>登记样品(&amp;S)</translation>
    </message>
    <message>
        <source>Chain of custody of the selected sample</source>
        <translation>所选样品的交接记录</translation>
    </message>
    <message>
        <source>Incident log</source>
        <translation>事件日志</translation>
    </message>
    <message>
        <source>What happened, what was decided, what you saw — then Enter</source>
        <translation>发生了什么、做了什么决定、看到了什么——输入后按回车</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;New incident…</source>
        <translation>新建事件(&amp;N)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <source>Open a &amp;server incident (read-only)…</source>
        <translation>打开服务器上的事件（只读）(&amp;S)…</translation>
    </message>
    <message>
        <source>Create &amp;demo incident</source>
        <translation>创建演示事件(&amp;D)</translation>
    </message>
    <message>
        <source>Team &amp;identity…</source>
        <translation>队伍身份(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;Undo last change</source>
        <translation>撤销上一步(&amp;U)</translation>
    </message>
    <message>
        <source>Ctrl+Z</source>
        <translation>Ctrl+Z</translation>
    </message>
    <message>
        <source>Add &amp;point</source>
        <translation>添加点位(&amp;P)</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Media</source>
        <translation>介质</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <source>Measured at</source>
        <translation>监测时间</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>标准限值</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>评价结果</translation>
    </message>
    <message>
        <source>As entered</source>
        <translation>原始输入</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样品</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Sample code</source>
        <translation>样品编号</translation>
    </message>
    <message>
        <source>Collected at</source>
        <translation>采样时间</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>容器</translation>
    </message>
    <message>
        <source>Preservative</source>
        <translation>保存剂</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>交出人</translation>
    </message>
    <message>
        <source>To</source>
        <translation>接收人</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>状况</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>No incident yet: create one, or load the demo.</source>
        <translation>还没有事件：请新建事件，或加载演示事件。</translation>
    </message>
    <message>
        <source>DEMO DATA — not a real incident. </source>
        <translation>演示数据——非真实事件。</translation>
    </message>
    <message>
        <source>READ-ONLY COPY from the server of {0}, as of {1}: nothing can be changed here. </source>
        <translation>只读副本：来自{0}的服务器，取于{1}，此处不能修改。</translation>
    </message>
    <message>
        <source>Discovered {0} · standard {1}</source>
        <translation>发现时间 {0} · 适用标准 {1}</translation>
    </message>
    <message>
        <source>server copy (read-only)</source>
        <translation>服务器副本（只读）</translation>
    </message>
    <message>
        <source>Sampling points (placing them along the river…)</source>
        <translation>采样点位(正在按沿河里程排序…)</translation>
    </message>
    <message>
        <source>add point {0}</source>
        <translation>添加点位 {0}</translation>
    </message>
    <message>
        <source>edit point {0}</source>
        <translation>编辑点位 {0}</translation>
    </message>
    <message>
        <source>Delete point?</source>
        <translation>删除点位？</translation>
    </message>
    <message>
        <source>Delete sampling point {0} ({1}) with its {2} measurement(s) from the list?
It is kept as a deleted record and can be restored with Undo.</source>
        <translation>确定从列表中删除采样点位 {0}（{1}）及其 {2} 条监测数据吗？
记录会作为已删除保留，可以用“撤销”恢复。</translation>
    </message>
    <message>
        <source>delete point {0}</source>
        <translation>删除点位 {0}</translation>
    </message>
    <message>
        <source>add sample {0}</source>
        <translation>登记样品 {0}</translation>
    </message>
    <message>
        <source>add measurement {0}</source>
        <translation>录入监测数据 {0}</translation>
    </message>
    <message>
        <source>&amp;Undo {0}</source>
        <translation>撤销：{0}(&amp;U)</translation>
    </message>
    <message>
        <source>Saved: {0}. Ctrl+Z undoes it.</source>
        <translation>已保存：{0}。按 Ctrl+Z 可撤销。</translation>
    </message>
    <message>
        <source>Undone: {0}</source>
        <translation>已撤销：{0}</translation>
    </message>
    <message>
        <source>Edi&amp;t point</source>
        <translation>编辑点位(&amp;T)</translation>
    </message>
    <message>
        <source>Hand &amp;over sample…</source>
        <translation>样品交接(&amp;O)…</translation>
    </message>
    <message>
        <source>Add to lo&amp;g</source>
        <translation>记入日志(&amp;G)</translation>
    </message>
    <message>
        <source>D&amp;rill</source>
        <translation>演练(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>P&amp;ropose first sampling points…</source>
        <translation>建议首批采样点位(&amp;R)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
    <message>
        <source>&amp;Start a drill…</source>
        <translation>开始演练(&amp;S)…</translation>
    </message>
    <message>
        <source>Drill s&amp;corecard…</source>
        <translation>演练评分(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Delete this drill…</source>
        <translation>删除本次演练(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>使用指南(&amp;U)</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>River km</source>
        <translation>河道里程 km</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>DRILL — exercise, not a real incident. </source>
        <translation>演练——非真实事件。</translation>
    </message>
    <message>
        <source>[DRILL] </source>
        <translation>【演练】</translation>
    </message>
    <message>
        <source>Ctrl+Z undoes it.</source>
        <translation>按 Ctrl+Z 可撤销。</translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <source>Building the map…</source>
        <translation>正在生成地图…</translation>
    </message>
    <message>
        <source>Select a sampling point in the table or on the map.</source>
        <translation>在表格或地图上选择一个采样点。</translation>
    </message>
    <message>
        <source>Warehouses within:</source>
        <translation>物资库搜索半径：</translation>
    </message>
    <message>
        <source> km</source>
        <translation> km</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>The map could not be built: {0}</source>
        <translation>无法生成地图：{0}</translation>
    </message>
    <message>
        <source>The map page did not start.</source>
        <translation>地图页面未能启动。</translation>
    </message>
    <message>
        <source>River chainage</source>
        <translation>河道里程</translation>
    </message>
    <message>
        <source>along the river</source>
        <translation>沿河</translation>
    </message>
    <message>
        <source>straight line</source>
        <translation>直线</translation>
    </message>
    <message>
        <source> (upstream)</source>
        <translation>（上游）</translation>
    </message>
    <message>
        <source>From the source</source>
        <translation>距污染源</translation>
    </message>
    <message>
        <source>Nearest downstream intake</source>
        <translation>最近的下游取水口</translation>
    </message>
    <message>
        <source>none downstream</source>
        <translation>下游无取水口</translation>
    </message>
    <message>
        <source>{0} within {1} km</source>
        <translation>{1} km 内的{0}</translation>
    </message>
    <message>
        <source>{0} warehouse(s)</source>
        <translation>{0} 个物资库</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Can intercept before the first intake</source>
        <translation>第一个取水口前可拦截</translation>
    </message>
    <message>
        <source>{0} facility(ies)</source>
        <translation>{0} 处设施</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <source>Refresh &amp;map</source>
        <translation>刷新地图(&amp;M)</translation>
    </message>
</context>
<context>
    <name>MeasurementDialog</name>
    <message>
        <source>Measurement</source>
        <translation>监测数据</translation>
    </message>
    <message>
        <source>Value: a number, &lt;LOD (e.g. &lt;0.001) or ND for not detected. Units are converted on entry; what you type is kept.</source>
        <translation>数值：填数字；低于检出限填 &lt;检出限（如 &lt;0.001）；未检出填 ND。单位会自动换算，原始输入同时保留。</translation>
    </message>
    <message>
        <source>&amp;Parameter:</source>
        <translation>监测项目(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>数值(&amp;V)：</translation>
    </message>
    <message>
        <source>0.012 / &lt;0.001 / ND</source>
        <translation>0.012 / &lt;0.001 / ND</translation>
    </message>
    <message>
        <source>&amp;Unit:</source>
        <translation>单位(&amp;U)：</translation>
    </message>
    <message>
        <source>Measured &amp;at:</source>
        <translation>监测时间(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Sample:</source>
        <translation>样品(&amp;S)：</translation>
    </message>
    <message>
        <source>M&amp;ethod:</source>
        <translation>方法(&amp;E)：</translation>
    </message>
    <message>
        <source>e.g. portable anodic stripping, ICP-MS</source>
        <translation>例如：便携式阳极溶出仪、ICP-MS</translation>
    </message>
    <message>
        <source>&amp;Instrument:</source>
        <translation>仪器(&amp;I)：</translation>
    </message>
    <message>
        <source>(no sample: in-situ reading)</source>
        <translation>（无样品：现场直读）</translation>
    </message>
    <message>
        <source>Check the parameter</source>
        <translation>请核对监测项目</translation>
    </message>
    <message>
        <source>Save it anyway?</source>
        <translation>仍要保存吗？</translation>
    </message>
    <message>
        <source>Measurement at {0}</source>
        <translation>录入监测数据：{0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;For point {0}&lt;/b&gt;</source>
        <translation>&lt;b&gt;点位：{0}&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>PhotosTab</name>
    <message>
        <source>Attach &amp;photos…</source>
        <translation>添加照片(&amp;P)…</translation>
    </message>
    <message>
        <source>Use the photo&apos;s position for the point</source>
        <translation>用照片位置作为点位坐标</translation>
    </message>
    <message>
        <source>&amp;Use in reports</source>
        <translation>用于报告(&amp;U)</translation>
    </message>
    <message>
        <source>No photos of this point yet: attach them, or drag picture files here.</source>
        <translation>该点位还没有照片：请添加，或把图片文件拖到这里。</translation>
    </message>
    <message>
        <source>taken {0}</source>
        <translation>拍摄于 {0}</translation>
    </message>
    <message>
        <source>at {0:.5f}, {1:.5f} ({2:.0f} m from the point)</source>
        <translation>位置 {0:.5f}, {1:.5f}（距点位 {2:.0f} m）</translation>
    </message>
    <message>
        <source>no position in the photo</source>
        <translation>照片中没有位置信息</translation>
    </message>
    <message>
        <source>Attach photos</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <source>Photos ({0})</source>
        <translation>照片 ({0})</translation>
    </message>
</context>
<context>
    <name>PlanImportDialog</name>
    <message>
        <source>read from each feature</source>
        <translation>按每个要素的属性判断</translation>
    </message>
    <message>
        <source>river lines</source>
        <translation>河流线</translation>
    </message>
    <message>
        <source>drinking-water intakes</source>
        <translation>饮用水取水口</translation>
    </message>
    <message>
        <source>emergency facilities</source>
        <translation>应急设施点位</translation>
    </message>
    <message>
        <source>material warehouses</source>
        <translation>应急物资库</translation>
    </message>
    <message>
        <source>material items (table)</source>
        <translation>物资明细（表格）</translation>
    </message>
    <message>
        <source>id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>facility type</source>
        <translation>设施类型</translation>
    </message>
    <message>
        <source>longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <source>latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <source>river</source>
        <translation>所在河流</translation>
    </message>
    <message>
        <source>stock text</source>
        <translation>库存物资（文字）</translation>
    </message>
    <message>
        <source>contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>warehouse id</source>
        <translation>所属物资库编号</translation>
    </message>
    <message>
        <source>material</source>
        <translation>物资名称</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Import a plan</source>
        <translation>导入预案</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Plan name:</source>
        <translation>预案名称：</translation>
    </message>
    <message>
        <source>detect (.cpg, UTF-8, GBK)</source>
        <translation>自动识别（.cpg、UTF-8、GBK）</translation>
    </message>
    <message>
        <source>Text encoding:</source>
        <translation>文字编码：</translation>
    </message>
    <message>
        <source>from the file (e.g. EPSG:4490 when it has none)</source>
        <translation>按文件所带坐标系（文件没有时填写，如 EPSG:4490）</translation>
    </message>
    <message>
        <source>Coordinate system:</source>
        <translation>坐标系：</translation>
    </message>
    <message>
        <source>Positions were copied from a consumer web map (GCJ-02): convert to WGS 84</source>
        <translation>坐标取自高德、腾讯等互联网地图（GCJ-02 火星坐标）：转换为 WGS 84</translation>
    </message>
    <message>
        <source>The file stores latitude before longitude</source>
        <translation>文件中纬度在前、经度在后</translation>
    </message>
    <message>
        <source>Skip features without geometry</source>
        <translation>跳过没有坐标的要素</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>This layer holds:</source>
        <translation>该图层内容：</translation>
    </message>
    <message>
        <source>App field</source>
        <translation>本软件字段</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <source>Plan file</source>
        <translation>预案文件</translation>
    </message>
    <message>
        <source>Reading and checking the whole file…</source>
        <translation>正在读取并检查整个文件…</translation>
    </message>
    <message>
        <source>Ready to import: nothing is stored until you press Import.</source>
        <translation>可以导入：点击“导入”之前不会保存任何内容。</translation>
    </message>
    <message>
        <source>{0} problem(s): fix the file or the choices above, then preview again.</source>
        <translation>发现 {0} 个问题：请修改文件或上面的选项，然后重新预览。</translation>
    </message>
    <message>
        <source>{0} feature(s) as {1}; coordinates {2} ({3}); text {4}</source>
        <translation>{0} 个要素，作为{1}；坐标 {2}（{3}）；文字编码 {4}</translation>
    </message>
    <message>
        <source> · saved mapping</source>
        <translation> · 已保存的字段对应</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Importing… (Cancel leaves nothing behind)</source>
        <translation>正在导入…（取消不会留下任何半截数据）</translation>
    </message>
    <message>
        <source>plan import</source>
        <translation>预案导入</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>PlansPanel</name>
    <message>
        <source>Plans in this store (shared by all incidents)</source>
        <translation>本机预案（所有事件共用）</translation>
    </message>
    <message>
        <source>Used by this incident</source>
        <translation>本事件使用</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>预案</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>要素</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Import a plan file…</source>
        <translation>导入预案文件…</translation>
    </message>
    <message>
        <source>Ask the plans</source>
        <translation>查询预案</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <source>Current point</source>
        <translation>当前点位</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>nearest first</source>
        <translation>按距离</translation>
    </message>
    <message>
        <source>most stock first</source>
        <translation>按库存量</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>物资库</translation>
    </message>
    <message>
        <source>Straight distance</source>
        <translation>直线距离</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Tonnes</source>
        <translation>吨数</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>Along the river</source>
        <translation>沿河距离</translation>
    </message>
    <message>
        <source>Facility</source>
        <translation>设施</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>River</source>
        <translation>河流</translation>
    </message>
    <message>
        <source>Plan imported: {0} site(s); this incident now uses it.</source>
        <translation>预案已导入：{0} 个点位；本事件已启用该预案。</translation>
    </message>
    <message>
        <source>Warehouses holding {0}: {1} found</source>
        <translation>储备{0}的物资库：找到 {1} 个</translation>
    </message>
    <message>
        <source>No warehouse in the plans this incident uses holds {0}.</source>
        <translation>本事件使用的预案中没有物资库储备{0}。</translation>
    </message>
    <message>
        <source>Not on a river line of the plans (none within 2 km): no answer along the river.</source>
        <translation>该位置不在预案河流上（2 km 内没有河流线），无法给出沿河结果。</translation>
    </message>
    <message>
        <source>On {0} at {1:.2f} km.</source>
        <translation>位于{0}，河道里程 {1:.2f} km。</translation>
    </message>
    <message>
        <source>First drinking-water intake downstream: {0}, {1:.2f} km along the river.</source>
        <translation>下游第一个饮用水取水口：{0}，沿河 {1:.2f} km。</translation>
    </message>
    <message>
        <source>No drinking-water intake downstream on the network.</source>
        <translation>河网下游没有饮用水取水口。</translation>
    </message>
    <message>
        <source>{0} facility(ies) can intercept before it:</source>
        <translation>在其之前可拦截的设施 {0} 处：</translation>
    </message>
    <message>
        <source>Nothing in the plans can intercept before it.</source>
        <translation>预案中在其之前没有可拦截的设施。</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>预案</translation>
    </message>
</context>
<context>
    <name>PlumePanel</name>
    <message>
        <source>measured</source>
        <translation>实测</translation>
    </message>
    <message>
        <source>limit {0} mg/L</source>
        <translation>限值 {0} mg/L</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>What was released</source>
        <translation>泄漏了什么</translation>
    </message>
    <message>
        <source>Pollutant</source>
        <translation>污染物</translation>
    </message>
    <message>
        <source>Leak for a known time</source>
        <translation>持续一段时间的泄漏</translation>
    </message>
    <message>
        <source>All at once (a slug)</source>
        <translation>瞬时排放（一次性）</translation>
    </message>
    <message>
        <source>Continuous, still leaking</source>
        <translation>连续排放（仍在泄漏）</translation>
    </message>
    <message>
        <source>Kind of release</source>
        <translation>排放方式</translation>
    </message>
    <message>
        <source>Release began</source>
        <translation>开始泄漏时间</translation>
    </message>
    <message>
        <source>Release point</source>
        <translation>泄漏点</translation>
    </message>
    <message>
        <source>Mass released</source>
        <translation>泄漏总量</translation>
    </message>
    <message>
        <source>Best guess is fine: volume lost × concentration (m³ × mg/L = g). The fit to measurements corrects it later.</source>
        <translation>估计值即可：泄漏水量 × 浓度（m³ × mg/L = g）。之后用监测数据拟合会自动修正。</translation>
    </message>
    <message>
        <source>Release rate</source>
        <translation>排放速率</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>持续时间</translation>
    </message>
    <message>
        <source>The river below the release</source>
        <translation>泄漏点下游河道</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>河宽</translation>
    </message>
    <message>
        <source>Water surface, bank to bank: a rangefinder, or count paces along a bridge.</source>
        <translation>水面宽度（岸到岸）：用测距仪，或在桥上数步子估算。</translation>
    </message>
    <message>
        <source>Mean depth</source>
        <translation>平均水深</translation>
    </message>
    <message>
        <source>Sound with a pole at 3-5 places across and take the average.</source>
        <translation>用测杆在断面上 3–5 处测深，取平均值。</translation>
    </message>
    <message>
        <source>Mean velocity</source>
        <translation>平均流速</translation>
    </message>
    <message>
        <source>No current meter? Mark 50 m along the bank, drop an orange or a half-full bottle in mid-stream and time it with a stopwatch: velocity = 50 ÷ seconds. Take 0.85 of that: the surface moves faster than the mean.</source>
        <translation>没有流速仪？沿岸量出 50 m，在河心放一个橘子或半瓶水，用秒表计时：流速 = 50 ÷ 秒数。再乘以 0.85：表面流速比平均流速快。</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>流量</translation>
    </message>
    <message>
        <source>From the hydrology station or the dam operator. Give two of depth, velocity and flow (all three are checked against each other).</source>
        <translation>可向水文站或水库、电站管理方了解。水深、流速、流量填两项即可（三项都填时会互相核对）。</translation>
    </message>
    <message>
        <source>Bed slope</source>
        <translation>河床比降</translation>
    </message>
    <message>
        <source>Drop in metres per km of river (from a map). Unknown: a typical value is assumed.</source>
        <translation>每公里河长的落差（米，可从地图量取）。不知道时按典型值估算。</translation>
    </message>
    <message>
        <source>Loss rate</source>
        <translation>衰减速率</translation>
    </message>
    <message>
        <source>How fast the pollutant leaves the water (sorption, breakdown) per day; unknown = none, the cautious choice.</source>
        <translation>污染物每天从水中减少的比例（吸附、降解）；不知道就填未知＝不衰减，这是偏保守的选择。</translation>
    </message>
    <message>
        <source>Known value</source>
        <translation>已知数值</translation>
    </message>
    <message>
        <source>Spreading (dispersion)</source>
        <translation>扩散（弥散）</translation>
    </message>
    <message>
        <source>Dispersion coefficient</source>
        <translation>纵向弥散系数</translation>
    </message>
    <message>
        <source>Leave the formula unless a tracer test gave a value: the spread between the formulas is shown as the forecast&apos;s range.</source>
        <translation>除非有示踪试验结果，否则保留公式：各公式之间的差异就是预测的不确定范围。</translation>
    </message>
    <message>
        <source>Tributary or change of river (optional)</source>
        <translation>支流汇入或河道变化（可选）</translation>
    </message>
    <message>
        <source>Distance below the release</source>
        <translation>距泄漏点下游</translation>
    </message>
    <message>
        <source>Inflow joining there</source>
        <translation>汇入流量</translation>
    </message>
    <message>
        <source>Width below</source>
        <translation>以下河宽</translation>
    </message>
    <message>
        <source>Depth below</source>
        <translation>以下水深</translation>
    </message>
    <message>
        <source>{0} must be greater than zero.</source>
        <translation>{0}必须大于零。</translation>
    </message>
    <message>
        <source>Missing: {0}. Give the river width and two of depth, velocity and flow, and the release time.</source>
        <translation>缺少：{0}。请填写河宽，以及水深、流速、流量中的两项，和泄漏开始时间。</translation>
    </message>
    <message>
        <source>Velocity × width × depth = {0} m³/s, but the flow is {1} m³/s: they contradict each other. Leave one out or check it (a float moves faster than the mean current).</source>
        <translation>流速 × 河宽 × 水深 = {0} m³/s，但流量为 {1} m³/s：两者矛盾（contradict）。请去掉其中一项或重新核实（浮标测得的是表面流速，比平均流速快）。</translation>
    </message>
    <message>
        <source>{0} = {1} {2} is not plausible for a river; check the number and its unit.</source>
        <translation>{0} = {1} {2} 对河流来说不合理，请检查数值和单位。</translation>
    </message>
    <message>
        <source>The release point is {0} km from the nearest river line: it is not on the river. Check its coordinates or import the river.</source>
        <translation>泄漏点距最近的河流线 {0} km，不在河上。请检查坐标，或导入其汇入的河流。</translation>
    </message>
    <message>
        <source>This incident has no river line yet: import the river on the Map tab first.</source>
        <translation>本事件还没有河流线：请先在“地图”页导入河流。</translation>
    </message>
    <message>
        <source>Where was the release? Add the source as a sampling point (role: source).</source>
        <translation>泄漏点在哪里？请把污染源添加为采样点（类型：污染源）。</translation>
    </message>
    <message>
        <source>No section lies downstream of the release point.</source>
        <translation>泄漏点下游没有断面（所有断面都在上游，upstream）。</translation>
    </message>
    <message>
        <source>There is no section to forecast: add downstream sections or intakes.</source>
        <translation>没有可预测的断面：请添加下游断面或取水口。</translation>
    </message>
    <message>
        <source>Unknown pollutant &apos;{0}&apos;: use a name or symbol from the toolkit, e.g. Cd.</source>
        <translation>未知污染物“{0}”：请用工具箱中的名称或符号，如 Cd。</translation>
    </message>
    <message>
        <source>Only {0} measurement(s) below the release so far: at least {1} are needed to fit.</source>
        <translation>泄漏点下游目前只有 {0} 个监测数据：拟合至少需要 {1} 个。</translation>
    </message>
    <message>
        <source>No measurement is above the background yet: nothing to fit.</source>
        <translation>还没有高于背景值的监测数据：无法拟合。</translation>
    </message>
    <message>
        <source>The fit did not converge: the measurements do not follow one plume from this release. Check the release time and point.</source>
        <translation>拟合未收敛：监测数据不像来自这一次泄漏的同一个污染团。请核实泄漏时间和泄漏点。</translation>
    </message>
    <message>
        <source>The measurements cannot pin down these parameters yet (too few times or sections). Wait for more data.</source>
        <translation>现有监测数据还不足以确定这些参数（时间或断面太少），请等待更多数据。</translation>
    </message>
    <message>
        <source>The release time is not a valid time.</source>
        <translation>泄漏开始时间无效。</translation>
    </message>
    <message>
        <source>No drinking-water intake lies downstream on this river: only the sections are forecast.</source>
        <translation>该河流泄漏点下游没有饮用水取水口：只预测各监测断面。</translation>
    </message>
    <message>
        <source>No limit is known for this pollutant: exceedance times cannot be given.</source>
        <translation>该污染物没有已知限值：无法给出超标时间。</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>断面</translation>
    </message>
    <message>
        <source>km below</source>
        <translation>距源 km</translation>
    </message>
    <message>
        <source>Front arrives</source>
        <translation>前锋到达</translation>
    </message>
    <message>
        <source>Peak at</source>
        <translation>峰值时间</translation>
    </message>
    <message>
        <source>Peak mg/L (range)</source>
        <translation>峰值 mg/L（范围）</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>限值</translation>
    </message>
    <message>
        <source>Over limit from</source>
        <translation>超标开始</translation>
    </message>
    <message>
        <source>Over limit until</source>
        <translation>超标结束</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>迁移预测</translation>
    </message>
    <message>
        <source>Fit to measurements</source>
        <translation>用监测数据拟合</translation>
    </message>
    <message>
        <source>Refit when new measurements arrive</source>
        <translation>有新监测数据时自动重新拟合</translation>
    </message>
    <message>
        <source>Enter what is known and press Forecast.</source>
        <translation>填写已知情况，然后点“迁移预测”。</translation>
    </message>
    <message>
        <source>Concentration over time</source>
        <translation>浓度随时间变化</translation>
    </message>
    <message>
        <source>hours since the release began</source>
        <translation>距泄漏开始（小时）</translation>
    </message>
    <message>
        <source>Along the river</source>
        <translation>沿程浓度</translation>
    </message>
    <message>
        <source>km below the release</source>
        <translation>距泄漏点（km）</translation>
    </message>
    <message>
        <source>Show this front on the map</source>
        <translation>在地图上显示此时的污染团</translation>
    </message>
    <message>
        <source>Front at</source>
        <translation>污染团时刻</translation>
    </message>
    <message>
        <source>Fitting to the measurements…</source>
        <translation>正在用监测数据拟合…</translation>
    </message>
    <message>
        <source>Forecasting…</source>
        <translation>正在预测…</translation>
    </message>
    <message>
        <source>mass {0} kg ({1}–{2})</source>
        <translation>泄漏量 {0} kg（{1}–{2}）</translation>
    </message>
    <message>
        <source>release rate {0} g/s ({1}–{2})</source>
        <translation>排放速率 {0} g/s（{1}–{2}）</translation>
    </message>
    <message>
        <source>Fitted to {0} measurements at {1} sections:</source>
        <translation>已用 {1} 个断面的 {0} 个监测数据拟合：</translation>
    </message>
    <message>
        <source>dispersion {0} m²/s ({1}–{2}), velocity {3} m/s ({4}–{5}), {6}. Ranges: 95 % for all together.</source>
        <translation>弥散系数 {0} m²/s（{1}–{2}），流速 {3} m/s（{4}–{5}），{6}。括号内为全部参数的 95% 联合置信区间。</translation>
    </message>
    <message>
        <source>&lt;b&gt;From your estimates&lt;/b&gt; (not fitted yet). Ranges: the spread of the dispersion formulas, {0}–{1} m²/s.</source>
        <translation>&lt;b&gt;按现场估计参数预测&lt;/b&gt;（尚未拟合）。范围：各弥散系数公式之间的差异，{0}–{1} m²/s。</translation>
    </message>
    <message>
        <source>Bed slope unknown: shear velocity taken as 0.1 × velocity.</source>
        <translation>河床比降未知：摩阻流速按流速的 0.1 倍估算。</translation>
    </message>
    <message>
        <source>Not on the river, left out: {0}</source>
        <translation>不在河上，未纳入：{0}</translation>
    </message>
    <message>
        <source>after the forecast window</source>
        <translation>预测期后仍超标</translation>
    </message>
    <message>
        <source>upstream</source>
        <translation>上游</translation>
    </message>
    <message>
        <source>steady</source>
        <translation>稳定</translation>
    </message>
    <message>
        <source>possible</source>
        <translation>可能超标</translation>
    </message>
    <message>
        <source>{0}: front {1} km below the release</source>
        <translation>{0}：前锋位于泄漏点下游 {1} km</translation>
    </message>
</context>
<context>
    <name>PointDialog</name>
    <message>
        <source>Sampling point</source>
        <translation>采样点位</translation>
    </message>
    <message>
        <source>Type coordinates as decimal degrees (24.6512) or degrees-minutes-seconds (24°39&apos;04&quot;N). Press Enter to move to the next field.</source>
        <translation>坐标可填十进制度（24.6512）或度分秒（24°39&apos;04&quot;N）。按回车跳到下一项。</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>点位类型(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>编号(&amp;C)：</translation>
    </message>
    <message>
        <source>generated automatically</source>
        <translation>自动生成</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>e.g. 5 km downstream, below the bridge</source>
        <translation>例如：下游5 km，桥下</translation>
    </message>
    <message>
        <source>&amp;Media:</source>
        <translation>介质(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Standard:</source>
        <translation>评价标准(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Latitude:</source>
        <translation>纬度(&amp;L)：</translation>
    </message>
    <message>
        <source>24.6512 or 24°39&apos;04&quot;N</source>
        <translation>24.6512 或 24°39&apos;04&quot;N</translation>
    </message>
    <message>
        <source>L&amp;ongitude:</source>
        <translation>经度(&amp;O)：</translation>
    </message>
    <message>
        <source>108.3301 or 108°19&apos;48&quot;E</source>
        <translation>108.3301 或 108°19&apos;48&quot;E</translation>
    </message>
    <message>
        <source>Use &amp;GPS position</source>
        <translation>使用GPS定位(&amp;G)</translation>
    </message>
    <message>
        <source>D&amp;escription:</source>
        <translation>说明(&amp;E)：</translation>
    </message>
    <message>
        <source>what is here, access, landmarks</source>
        <translation>现场情况、到达路线、地标</translation>
    </message>
    <message>
        <source>Use this position anyway</source>
        <translation>仍然使用该位置</translation>
    </message>
    <message>
        <source>Do not use it</source>
        <translation>不使用</translation>
    </message>
    <message>
        <source>By role (incident&apos;s choice)</source>
        <translation>按点位类型（事件设定）</translation>
    </message>
    <message>
        <source>No GPS fix yet: check the receiver has a clear sky.</source>
        <translation>GPS尚未定位：请确认接收机上方无遮挡。</translation>
    </message>
    <message>
        <source>the receiver reports datum {0}, not WGS 84: the position may be offset</source>
        <translation>接收机报告的坐标基准为 {0}，不是 WGS 84：位置可能有偏移</translation>
    </message>
    <message>
        <source>Check the receiver (demo mode? last fix from elsewhere?) before using it.</source>
        <translation>使用前请检查接收机（是否处于演示模式？是否为别处的旧定位？）。</translation>
    </message>
</context>
<context>
    <name>ReportPanel</name>
    <message>
        <source>Reporting deadlines</source>
        <translation>报告时限</translation>
    </message>
    <message>
        <source>Proposed incident level</source>
        <translation>建议事件级别</translation>
    </message>
    <message>
        <source>Facts and narrative</source>
        <translation>事实与文字说明</translation>
    </message>
    <message>
        <source>Deaths</source>
        <translation>死亡人数</translation>
    </message>
    <message>
        <source>Poisoned or seriously injured</source>
        <translation>中毒或重伤人数</translation>
    </message>
    <message>
        <source>Evacuated</source>
        <translation>疏散转移人数</translation>
    </message>
    <message>
        <source>Direct economic loss (yuan)</source>
        <translation>直接经济损失（元）</translation>
    </message>
    <message>
        <source>Drinking-water intake interrupted</source>
        <translation>饮用水水源取水中断</translation>
    </message>
    <message>
        <source>Reporting unit</source>
        <translation>报告单位</translation>
    </message>
    <message>
        <source>Signatory</source>
        <translation>签发人</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人及联系方式</translation>
    </message>
    <message>
        <source>Information source</source>
        <translation>信息来源</translation>
    </message>
    <message>
        <source>Cause and nature</source>
        <translation>事件起因和性质</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>发展趋势</translation>
    </message>
    <message>
        <source>Measures taken</source>
        <translation>已采取措施</translation>
    </message>
    <message>
        <source>Next steps</source>
        <translation>下一步工作建议</translation>
    </message>
    <message>
        <source>Handling process</source>
        <translation>处置过程</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>处置结果</translation>
    </message>
    <message>
        <source>Harm and losses</source>
        <translation>危害与损失</translation>
    </message>
    <message>
        <source>Remaining problems</source>
        <translation>遗留问题</translation>
    </message>
    <message>
        <source>Save facts</source>
        <translation>保存事实</translation>
    </message>
    <message>
        <source>Generate PDF</source>
        <translation>生成PDF</translation>
    </message>
    <message>
        <source>Issue…</source>
        <translation>签发…</translation>
    </message>
    <message>
        <source>Issue the report: checks that nothing is missing, writes the PDF, then archives it unchangeably</source>
        <translation>签发报告：先检查有无待补充事项，写出PDF，再不可更改地存档</translation>
    </message>
    <message>
        <source>Open PDF</source>
        <translation>打开PDF</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>Sample labels (PDF)</source>
        <translation>样品标签（PDF）</translation>
    </message>
    <message>
        <source>A sheet of labels with QR codes for every sample of this incident</source>
        <translation>为本事件每个样品生成带二维码的标签页</translation>
    </message>
    <message>
        <source>Custody form (PDF)</source>
        <translation>样品交接单（PDF）</translation>
    </message>
    <message>
        <source>Initial report</source>
        <translation>初报</translation>
    </message>
    <message>
        <source>One-hour quick report</source>
        <translation>一小时快报</translation>
    </message>
    <message>
        <source>Follow-up report</source>
        <translation>续报</translation>
    </message>
    <message>
        <source>Final report</source>
        <translation>处理结果报告</translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation>未保存：{0}</translation>
    </message>
    <message>
        <source> (provisional)</source>
        <translation>（初步）</translation>
    </message>
    <message>
        <source>Report on the {0} track ({1} h):</source>
        <translation>按{0}级程序报告（{1}小时）：</translation>
    </message>
    <message>
        <source>Quick report issued: {0}</source>
        <translation>快报已签发：{0}</translation>
    </message>
    <message>
        <source>One-hour quick report: {0} left</source>
        <translation>一小时快报：剩余 {0}</translation>
    </message>
    <message>
        <source>One-hour quick report overdue by {0}</source>
        <translation>一小时快报：已超时 {0}</translation>
    </message>
    <message>
        <source>Making the report…</source>
        <translation>正在生成报告…</translation>
    </message>
    <message>
        <source>Not issued: facts are missing</source>
        <translation>未签发：尚有待补充事项</translation>
    </message>
    <message>
        <source>This report cannot be issued yet. Missing:</source>
        <translation>本报告暂不能签发。尚缺：</translation>
    </message>
    <message>
        <source>Fill them in</source>
        <translation>去补充</translation>
    </message>
    <message>
        <source>Issue with missing items…</source>
        <translation>含待补充项签发…</translation>
    </message>
    <message>
        <source>Not issued. Still missing: {0}</source>
        <translation>未签发。尚缺：{0}</translation>
    </message>
    <message>
        <source>Issue with missing items?</source>
        <translation>含待补充项签发？</translation>
    </message>
    <message>
        <source>Every page of the issued report will say 含待补充项 (contains missing items), and the archive keeps it unchanged. The missing facts must follow in the next report. Issue now?</source>
        <translation>签发后报告每页都将标注“含待补充项”，存档后不可更改；待补充事项须在下一次报告中补报。确定现在签发？</translation>
    </message>
    <message>
        <source>Issue now, marked 含待补充项</source>
        <translation>确定签发（标注含待补充项）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Not issued.</source>
        <translation>未签发。</translation>
    </message>
    <message>
        <source>{0}: {1} pages, saved to {2}</source>
        <translation>{0}：共{1}页，已保存到 {2}</translation>
    </message>
    <message>
        <source>Issued and archived (cannot be changed).</source>
        <translation>已签发并存档（不可更改）。</translation>
    </message>
    <message>
        <source>Issued marked 含待补充项; still missing: {0}</source>
        <translation>已签发并标注含待补充项；尚缺：{0}</translation>
    </message>
    <message>
        <source>Draft. Still missing: {0}</source>
        <translation>草稿。尚缺：{0}</translation>
    </message>
    <message>
        <source>Not made: {0}</source>
        <translation>未生成：{0}</translation>
    </message>
    <message>
        <source>not handed over yet</source>
        <translation>尚未交接</translation>
    </message>
    <message>
        <source>{0} sample labels saved to {1}</source>
        <translation>{0} 个样品标签已保存到 {1}</translation>
    </message>
    <message>
        <source>Custody form saved to {0}</source>
        <translation>样品交接单已保存到 {0}</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报告</translation>
    </message>
</context>
<context>
    <name>SampleDialog</name>
    <message>
        <source>Sample</source>
        <translation>样品</translation>
    </message>
    <message>
        <source>Sample &amp;code:</source>
        <translation>样品编号(&amp;C)：</translation>
    </message>
    <message>
        <source>generated automatically</source>
        <translation>自动生成</translation>
    </message>
    <message>
        <source>&amp;Matrix:</source>
        <translation>样品类型(&amp;M)：</translation>
    </message>
    <message>
        <source>Collected &amp;at:</source>
        <translation>采样时间(&amp;A)：</translation>
    </message>
    <message>
        <source>Collected &amp;by:</source>
        <translation>采样人(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Depth (m):</source>
        <translation>采样深度 m(&amp;D)：</translation>
    </message>
    <message>
        <source>optional, e.g. 0.5</source>
        <translation>可不填，例如 0.5</translation>
    </message>
    <message>
        <source>C&amp;ontainer:</source>
        <translation>容器(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Preservative:</source>
        <translation>保存剂(&amp;P)：</translation>
    </message>
    <message>
        <source>Sample at {0}</source>
        <translation>登记样品：{0}</translation>
    </message>
    <message>
        <source>(several / not chosen)</source>
        <translation>（多个项目 / 未选择）</translation>
    </message>
    <message>
        <source>&amp;For parameter:</source>
        <translation>监测项目(&amp;F)：</translation>
    </message>
    <message>
        <source>Choose the parameter to get the container and preservative from the toolkit.</source>
        <translation>选择监测项目，即按工具包给出容器和保存剂。</translation>
    </message>
    <message>
        <source>{0}: {1} (source: {2})</source>
        <translation>{0}：{1}（依据：{2}）</translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message>
        <source>Open a server incident (read-only)</source>
        <translation>打开服务器上的事件（只读）</translation>
    </message>
    <message>
        <source>postgresql://analyst@wg-server/fieldapp, or a service name</source>
        <translation>postgresql://analyst@wg-server/fieldapp，或服务名</translation>
    </message>
    <message>
        <source>&amp;List incidents</source>
        <translation>列出事件(&amp;L)</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>队伍</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>点位</translation>
    </message>
    <message>
        <source>Measurements</source>
        <translation>监测数据</translation>
    </message>
    <message>
        <source>Exceeded</source>
        <translation>超标</translation>
    </message>
    <message>
        <source>Type the working group&apos;s server address, then list its incidents. The incident opens as a read-only copy in a new window: nothing on the server or in your own store can be changed from it.</source>
        <translation>填写工作组服务器地址，然后列出其中的事件。事件以只读副本在新窗口中打开：不会改动服务器或本机数据库中的任何内容。</translation>
    </message>
    <message>
        <source>&amp;Open read-only</source>
        <translation>只读打开(&amp;O)</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>正在连接服务器…</translation>
    </message>
    <message>
        <source>{0} incident(s) on the server. Pick one and open it read-only.</source>
        <translation>服务器上有 {0} 个事件。请选择一个并只读打开。</translation>
    </message>
    <message>
        <source>The server holds no incident yet.</source>
        <translation>服务器上还没有事件。</translation>
    </message>
    <message>
        <source>Copying incident {0} from the server…</source>
        <translation>正在从服务器复制事件 {0}…</translation>
    </message>
    <message>
        <source>The read-only window could not be started. The copy is at {0}: open it with fieldapp --store FILE gui --read-only</source>
        <translation>无法启动只读窗口。副本位于 {0}：可用 fieldapp --store 文件 gui --read-only 打开</translation>
    </message>
</context>
<context>
    <name>Shutdown</name>
    <message>
        <source>Saving… finishing: {0}</source>
        <translation>正在保存…等待完成：{0}</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <source>Sync</source>
        <translation>数据同步</translation>
    </message>
    <message>
        <source>This laptop&apos;s team key</source>
        <translation>本机队伍密钥</translation>
    </message>
    <message>
        <source>Export a bundle</source>
        <translation>导出数据包</translation>
    </message>
    <message>
        <source>&amp;Changes since the last bundle to this peer</source>
        <translation>仅导出上次发给该对象之后的变更(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Peer:</source>
        <translation>接收方(&amp;P):</translation>
    </message>
    <message>
        <source>Encrypt &amp;to:</source>
        <translation>加密给(&amp;T):</translation>
    </message>
    <message>
        <source>E&amp;xport bundle…</source>
        <translation>导出数据包…(&amp;X)</translation>
    </message>
    <message>
        <source>Import a bundle</source>
        <translation>导入数据包</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>导入回执</translation>
    </message>
    <message>
        <source>Save receipt…</source>
        <translation>保存回执…</translation>
    </message>
    <message>
        <source>Conflicts to review</source>
        <translation>待审核冲突</translation>
    </message>
    <message>
        <source>Trusted team keys</source>
        <translation>受信任的队伍密钥</translation>
    </message>
    <message>
        <source>Trust a key file…</source>
        <translation>信任密钥文件…</translation>
    </message>
    <message>
        <source>Remove selected key</source>
        <translation>删除所选密钥</translation>
    </message>
    <message>
        <source>By team</source>
        <translation>按队伍</translation>
    </message>
    <message>
        <source>Team: %1   Device: %2</source>
        <translation>队伍:%1   设备:%2</translation>
    </message>
    <message>
        <source>Read-aloud code: %1</source>
        <translation>口述校验码:%1</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>校验码</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>队伍</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>数据表</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Kept version</source>
        <translation>保留的版本</translation>
    </message>
    <message>
        <source>Edited at</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <source>Current value</source>
        <translation>当前值</translation>
    </message>
    <message>
        <source>Conflicts to review (%1)</source>
        <translation>待审核冲突(%1)</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>Export bundle</source>
        <translation>导出数据包</translation>
    </message>
    <message>
        <source>Import bundle</source>
        <translation>导入数据包</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Bundle written: %1 records (%2).</source>
        <translation>数据包已写出:%1 条记录(%2)。</translation>
    </message>
    <message>
        <source>Imported: %1 added, %2 updated, %3 conflicts kept for review, %4 refused.</source>
        <translation>已导入:新增 %1 条,更新 %2 条,%3 处冲突已保留待审核,拒收 %4 条。</translation>
    </message>
    <message>
        <source>Already imported earlier: nothing changed.</source>
        <translation>此数据包之前已导入:没有任何更改。</translation>
    </message>
    <message>
        <source>Refused, nothing was changed: %1</source>
        <translation>已拒收,未做任何更改:%1</translation>
    </message>
    <message>
        <source>Save key file</source>
        <translation>保存密钥文件</translation>
    </message>
    <message>
        <source>Trust a key file</source>
        <translation>信任密钥文件</translation>
    </message>
    <message>
        <source>Check the code</source>
        <translation>核对校验码</translation>
    </message>
    <message>
        <source>Ask the sender to read their code aloud and type it here:</source>
        <translation>请发送方念出其校验码,并在此输入:</translation>
    </message>
    <message>
        <source>Key not trusted</source>
        <translation>密钥未被信任</translation>
    </message>
    <message>
        <source>Save receipt</source>
        <translation>保存回执</translation>
    </message>
    <message>
        <source>Save &amp;key file…</source>
        <translation>保存密钥文件…(&amp;K)</translation>
    </message>
    <message>
        <source>E&amp;verything (full)</source>
        <translation>全部数据(完整)(&amp;V)</translation>
    </message>
    <message>
        <source>Include drills (exercises)</source>
        <translation>包含演练数据</translation>
    </message>
    <message>
        <source>Drills are left out of bundles unless this is ticked</source>
        <translation>不勾选时，演练不会进入同步包</translation>
    </message>
    <message>
        <source>I&amp;mport bundle…</source>
        <translation>导入数据包…(&amp;M)</translation>
    </message>
    <message>
        <source>Mark selected as reviewe&amp;d</source>
        <translation>将所选标记为已审核(&amp;D)</translation>
    </message>
</context>
<context>
    <name>ToolkitPanel</name>
    <message>
        <source>Toolkit</source>
        <translation>应急工具包</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>搜索(&amp;S)：</translation>
    </message>
    <message>
        <source>Pollutant or scenario: Chinese, English, pinyin, symbol or CAS (e.g. 铊, Tl, thallium, 7440-28-0), then Enter</source>
        <translation>污染物或情景：中文、英文、拼音、元素符号或CAS号（如 铊、Tl、Thallium、7440-28-0），回车打开</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Browse</source>
        <translation>分类浏览</translation>
    </message>
    <message>
        <source>Every value carries its source and a confidence mark:</source>
        <translation>每项数值均注明来源和可信度：</translation>
    </message>
    <message>
        <source>Each tick is written to the incident log with the team and the time.</source>
        <translation>每次勾选都会连同队伍和时间记入事件日志。</translation>
    </message>
    <message>
        <source>Type a name, symbol, pinyin or CAS number; Enter opens the first result.</source>
        <translation>输入名称、元素符号、拼音或CAS号；按回车打开第一个结果。</translation>
    </message>
    <message>
        <source>Scenario checklists (compiled from public practice)</source>
        <translation>情景处置清单（根据公开实践汇编）</translation>
    </message>
    <message>
        <source>Technology categories</source>
        <translation>通用技术类别</translation>
    </message>
    <message>
        <source>Engineering facility types</source>
        <translation>工程设施类型</translation>
    </message>
    <message>
        <source>{0} result(s), best first. Enter opens the first.</source>
        <translation>共{0}条结果，按相关度排序。按回车打开第一条。</translation>
    </message>
    <message>
        <source>Nothing found. Try another spelling, the symbol or the CAS number.</source>
        <translation>未找到。请换一种写法，或输入元素符号、CAS号。</translation>
    </message>
    <message>
        <source>Sources cited on this page</source>
        <translation>本页引用的来源</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>可信度</translation>
    </message>
    <message>
        <source>Related pollutants</source>
        <translation>相关污染物</translation>
    </message>
    <message>
        <source>✓ done — {0}, {1}</source>
        <translation>✓ 已完成 —— {0}，{1}</translation>
    </message>
    <message>
        <source>Open or create an incident to tick steps (ticks go to its log).</source>
        <translation>请先打开或新建事件，才能勾选步骤（勾选记入该事件日志）。</translation>
    </message>
    <message>
        <source>{0} of {1} steps done for incident {2}</source>
        <translation>事件 {2}：已完成 {0}/{1} 步</translation>
    </message>
</context>
</TS>
