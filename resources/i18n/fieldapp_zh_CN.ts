<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../fieldapp/ui/app.py" line="132" />
        <source>Cannot open the store</source>
        <translation>无法打开数据库</translation>
    </message>
</context>
<context>
    <name>Common</name>
    <message>
        <location filename="../../fieldapp/ui/common.py" line="51" />
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>CustodyDialog</name>
    <message>
        <location filename="../../forms/custody_dialog.ui" line="14" />
        <source>Chain of custody: hand over sample</source>
        <translation>样品交接（流转记录）</translation>
    </message>
    <message>
        <location filename="../../forms/custody_dialog.ui" line="23" />
        <source>Each hand-over is recorded for good and cannot be edited afterwards.</source>
        <translation>每次交接都会永久记录，之后不能修改。</translation>
    </message>
    <message>
        <location filename="../../forms/custody_dialog.ui" line="33" />
        <source>&amp;From:</source>
        <translation>交出人(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../forms/custody_dialog.ui" line="47" />
        <source>&amp;To:</source>
        <translation>接收人(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../forms/custody_dialog.ui" line="57" />
        <source>person or laboratory receiving the sample</source>
        <translation>接收样品的人员或实验室</translation>
    </message>
    <message>
        <location filename="../../forms/custody_dialog.ui" line="64" />
        <source>&amp;When:</source>
        <translation>时间(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../forms/custody_dialog.ui" line="84" />
        <source>&amp;Where:</source>
        <translation>地点(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../forms/custody_dialog.ui" line="98" />
        <source>&amp;Condition:</source>
        <translation>样品状况(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../forms/custody_dialog.ui" line="108" />
        <source>e.g. sealed, intact, kept at 4 °C</source>
        <translation>例如：密封完好，4 ℃冷藏</translation>
    </message>
    <message>
        <location filename="../../forms/custody_dialog.ui" line="115" />
        <source>New &amp;status:</source>
        <translation>新状态(&amp;S)：</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <location filename="../../forms/identity_dialog.ui" line="14" />
        <source>Team identity</source>
        <translation>队伍身份</translation>
    </message>
    <message>
        <location filename="../../forms/identity_dialog.ui" line="23" />
        <source>FieldApp stamps every record with who made it, so the working group can tell teams apart when data are merged. Enter this once; you can change it later in the File menu.</source>
        <translation>每条记录都会标注由谁记录，工作组汇总多支队伍的数据时才能分清来源。只需填写一次，以后可在“文件”菜单中修改。</translation>
    </message>
    <message>
        <location filename="../../forms/identity_dialog.ui" line="33" />
        <source>Reporting &amp;unit:</source>
        <translation>报告单位(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../forms/identity_dialog.ui" line="43" />
        <source>e.g. Some County Ecology and Environment Bureau</source>
        <translation>例如：某县生态环境局</translation>
    </message>
    <message>
        <location filename="../../forms/identity_dialog.ui" line="50" />
        <source>&amp;Team name:</source>
        <translation>队伍名称(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../forms/identity_dialog.ui" line="60" />
        <source>e.g. Monitoring team 1</source>
        <translation>例如：应急监测一队</translation>
    </message>
    <message>
        <location filename="../../forms/identity_dialog.ui" line="67" />
        <source>&amp;Members:</source>
        <translation>队员(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../forms/identity_dialog.ui" line="77" />
        <source>names, separated by commas</source>
        <translation>姓名，用逗号分隔</translation>
    </message>
    <message>
        <location filename="../../forms/identity_dialog.ui" line="84" />
        <source>&amp;Device name:</source>
        <translation>设备名称(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../forms/identity_dialog.ui" line="94" />
        <source>e.g. laptop-01</source>
        <translation>例如：笔记本01</translation>
    </message>
</context>
<context>
    <name>IncidentDialog</name>
    <message>
        <location filename="../../forms/incident_dialog.ui" line="14" />
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../forms/incident_dialog.ui" line="23" />
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../forms/incident_dialog.ui" line="33" />
        <source>e.g. Tailings pond leak into the X river</source>
        <translation>例如：某尾矿库泄漏污染某河</translation>
    </message>
    <message>
        <location filename="../../forms/incident_dialog.ui" line="40" />
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <location filename="../../forms/incident_dialog.ui" line="54" />
        <source>&amp;Location:</source>
        <translation>地点(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../forms/incident_dialog.ui" line="64" />
        <source>county, river, landmark</source>
        <translation>县、河流、地标</translation>
    </message>
    <message>
        <location filename="../../forms/incident_dialog.ui" line="71" />
        <source>&amp;Discovered at:</source>
        <translation>发现时间(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../forms/incident_dialog.ui" line="91" />
        <source>Applicable &amp;standard:</source>
        <translation>适用标准(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../forms/incident_dialog.ui" line="105" />
        <source>D&amp;escription:</source>
        <translation>说明(&amp;E)：</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="16" />
        <source>Upstream control</source>
        <translation>上游对照断面</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="17" />
        <source>Pollution source</source>
        <translation>污染源</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="18" />
        <source>Downstream section</source>
        <translation>下游断面</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="19" />
        <source>Drinking-water intake</source>
        <translation>饮用水取水口</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="20" />
        <source>Background</source>
        <translation>背景点</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="21" />
        <location filename="../../fieldapp/ui/labels.py" line="62" />
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="27" />
        <source>Water</source>
        <translation>水</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="28" />
        <source>Air</source>
        <translation>空气</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="29" />
        <source>Soil</source>
        <translation>土壤</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="30" />
        <source>Sediment</source>
        <translation>底泥</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="36" />
        <source>Collected</source>
        <translation>已采集</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="37" />
        <source>In transit</source>
        <translation>运送中</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="38" />
        <source>Received by lab</source>
        <translation>实验室已接收</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="39" />
        <source>Analysed</source>
        <translation>已分析</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="40" />
        <source>Disposed</source>
        <translation>已处置</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="46" />
        <source>Observation</source>
        <translation>现场观察</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="47" />
        <source>Action</source>
        <translation>采取措施</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="48" />
        <source>Decision</source>
        <translation>决策</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="49" />
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="50" />
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="51" />
        <source>Checklist</source>
        <translation>检查清单</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="57" />
        <source>Tailings pond leak</source>
        <translation>尾矿库泄漏</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="58" />
        <source>Road tanker accident</source>
        <translation>道路槽罐车事故</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="59" />
        <source>Plant fire-water runoff</source>
        <translation>企业消防废水外溢</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="60" />
        <source>Pipeline oil leak</source>
        <translation>输油管道泄漏</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="61" />
        <source>Industrial heavy-metal discharge</source>
        <translation>企业重金属违法排放</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="68" />
        <source>GB 3838-2002 class I</source>
        <translation>GB 3838-2002 Ⅰ类</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="69" />
        <source>GB 3838-2002 class II</source>
        <translation>GB 3838-2002 Ⅱ类</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="70" />
        <source>GB 3838-2002 class III (default)</source>
        <translation>GB 3838-2002 Ⅲ类（默认）</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="71" />
        <source>GB 3838-2002 class IV</source>
        <translation>GB 3838-2002 Ⅳ类</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="72" />
        <source>GB 3838-2002 class V</source>
        <translation>GB 3838-2002 Ⅴ类</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="73" />
        <source>GB 5749-2022 drinking water</source>
        <translation>GB 5749-2022 生活饮用水</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../forms/main_window.ui" line="6" />
        <source>FieldApp</source>
        <translation>FieldApp 环境应急现场助手</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="15" />
        <source>&amp;Incident:</source>
        <translation>当前事件(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="32" />
        <source>New incident…</source>
        <translation>新建事件…</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="42" />
        <source>Sampling</source>
        <translation>采样记录</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="51" />
        <source>Sampling points</source>
        <translation>采样点位</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="63" />
        <source>&amp;Add point</source>
        <translation>添加点位(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="64" />
        <source>&amp;Edit point</source>
        <translation>编辑点位(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="65" />
        <source>&amp;Delete point</source>
        <translation>删除点位(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="72" />
        <source>Measurements</source>
        <translation>监测数据</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="78" />
        <location filename="../../forms/main_window.ui" line="151" />
        <source>Add &amp;measurement</source>
        <translation>录入监测数据(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="82" />
        <source>Samples and custody</source>
        <translation>样品与交接</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="90" />
        <source>Add &amp;sample</source>
        <translation>登记样品(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="91" />
        <source>&amp;Hand over sample…</source>
        <translation>样品交接(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="94" />
        <source>Chain of custody of the selected sample</source>
        <translation>所选样品的交接记录</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="99" />
        <source>Incident log</source>
        <translation>事件日志</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="105" />
        <source>What happened, what was decided, what you saw — then Enter</source>
        <translation>发生了什么、做了什么决定、看到了什么——输入后按回车</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="106" />
        <source>Add to &amp;log</source>
        <translation>记入日志(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="122" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="130" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="136" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="145" />
        <source>&amp;New incident…</source>
        <translation>新建事件(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="145" />
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="146" />
        <source>Create &amp;demo incident</source>
        <translation>创建演示事件(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="147" />
        <source>Team &amp;identity…</source>
        <translation>队伍身份(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="148" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="148" />
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="149" />
        <location filename="../../fieldapp/ui/main_window.py" line="387" />
        <source>&amp;Undo last change</source>
        <translation>撤销上一步(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="149" />
        <source>Ctrl+Z</source>
        <translation>Ctrl+Z</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="150" />
        <source>Add &amp;point</source>
        <translation>添加点位(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="150" />
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="151" />
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="20" />
        <source>ND</source>
        <translation>未检出</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="47" />
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="48" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="49" />
        <source>Role</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="50" />
        <source>Media</source>
        <translation>介质</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="51" />
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="52" />
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="55" />
        <source>Measured at</source>
        <translation>监测时间</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="57" />
        <source>Parameter</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="58" />
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="59" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="60" />
        <source>Limit</source>
        <translation>标准限值</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="61" />
        <source>Exceedance</source>
        <translation>超标倍数</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="62" />
        <source>As entered</source>
        <translation>原始输入</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="64" />
        <source>Sample</source>
        <translation>样品</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="65" />
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="70" />
        <source>Sample code</source>
        <translation>样品编号</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="71" />
        <source>Collected at</source>
        <translation>采样时间</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="73" />
        <source>Container</source>
        <translation>容器</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="74" />
        <source>Preservative</source>
        <translation>保存剂</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="75" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="78" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="79" />
        <source>From</source>
        <translation>交出人</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="80" />
        <source>To</source>
        <translation>接收人</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="81" />
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="82" />
        <source>Condition</source>
        <translation>状况</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="86" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="87" />
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="88" />
        <source>Who</source>
        <translation>记录人</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="89" />
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="181" />
        <source>No incident yet: create one, or load the demo.</source>
        <translation>还没有事件：请新建事件，或加载演示事件。</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="183" />
        <source>DEMO DATA — not a real incident. </source>
        <translation>演示数据——非真实事件。</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="185" />
        <source>Discovered {0} · standard {1}</source>
        <translation>发现时间 {0} · 适用标准 {1}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="267" />
        <source>add point {0}</source>
        <translation>添加点位 {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="282" />
        <source>edit point {0}</source>
        <translation>编辑点位 {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="293" />
        <source>Delete point?</source>
        <translation>删除点位？</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="294" />
        <source>Delete sampling point {0} ({1}) with its {2} measurement(s) from the list?
It is kept as a deleted record and can be restored with Undo.</source>
        <translation>确定从列表中删除采样点位 {0}（{1}）及其 {2} 条监测数据吗？
记录会作为已删除保留，可以用“撤销”恢复。</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="299" />
        <source>delete point {0}</source>
        <translation>删除点位 {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="323" />
        <source>add sample {0}</source>
        <translation>登记样品 {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="350" />
        <source>add measurement {0}</source>
        <translation>录入监测数据 {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="374" />
        <source>&amp;Undo {0}</source>
        <translation>撤销：{0}(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="375" />
        <source>Saved: {0}. Ctrl+Z undoes it.</source>
        <translation>已保存：{0}。按 Ctrl+Z 可撤销。</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="388" />
        <source>Undone: {0}</source>
        <translation>已撤销：{0}</translation>
    </message>
</context>
<context>
    <name>MeasurementDialog</name>
    <message>
        <location filename="../../forms/measurement_dialog.ui" line="14" />
        <source>Measurement</source>
        <translation>监测数据</translation>
    </message>
    <message>
        <location filename="../../forms/measurement_dialog.ui" line="23" />
        <source>Value: a number, &lt;LOD (e.g. &lt;0.001) or ND for not detected. Units are converted on entry; what you type is kept.</source>
        <translation>数值：填数字；低于检出限填 &lt;检出限（如 &lt;0.001）；未检出填 ND。单位会自动换算，原始输入同时保留。</translation>
    </message>
    <message>
        <location filename="../../forms/measurement_dialog.ui" line="33" />
        <source>&amp;Parameter:</source>
        <translation>监测项目(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../forms/measurement_dialog.ui" line="50" />
        <source>&amp;Value:</source>
        <translation>数值(&amp;V)：</translation>
    </message>
    <message>
        <location filename="../../forms/measurement_dialog.ui" line="60" />
        <source>0.012 / &lt;0.001 / ND</source>
        <translation>0.012 / &lt;0.001 / ND</translation>
    </message>
    <message>
        <location filename="../../forms/measurement_dialog.ui" line="67" />
        <source>&amp;Unit:</source>
        <translation>单位(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../forms/measurement_dialog.ui" line="84" />
        <source>Measured &amp;at:</source>
        <translation>监测时间(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../forms/measurement_dialog.ui" line="104" />
        <source>&amp;Sample:</source>
        <translation>样品(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../forms/measurement_dialog.ui" line="118" />
        <source>M&amp;ethod:</source>
        <translation>方法(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../forms/measurement_dialog.ui" line="128" />
        <source>e.g. portable anodic stripping, ICP-MS</source>
        <translation>例如：便携式阳极溶出仪、ICP-MS</translation>
    </message>
    <message>
        <location filename="../../forms/measurement_dialog.ui" line="135" />
        <source>&amp;Instrument:</source>
        <translation>仪器(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/measurement_dialog.py" line="30" />
        <source>(no sample: in-situ reading)</source>
        <translation>（无样品：现场直读）</translation>
    </message>
</context>
<context>
    <name>PointDialog</name>
    <message>
        <location filename="../../forms/point_dialog.ui" line="14" />
        <source>Sampling point</source>
        <translation>采样点位</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="23" />
        <source>Type coordinates as decimal degrees (24.6512) or degrees-minutes-seconds (24°39'04"N). Press Enter to move to the next field.</source>
        <translation>坐标可填十进制度（24.6512）或度分秒（24°39'04"N）。按回车跳到下一项。</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="33" />
        <source>&amp;Role:</source>
        <translation>点位类型(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="47" />
        <source>&amp;Code:</source>
        <translation>编号(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="57" />
        <source>generated automatically</source>
        <translation>自动生成</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="64" />
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="74" />
        <source>e.g. 5 km downstream, below the bridge</source>
        <translation>例如：下游5 km，桥下</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="81" />
        <source>&amp;Media:</source>
        <translation>介质(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="95" />
        <source>&amp;Latitude:</source>
        <translation>纬度(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="105" />
        <source>24.6512 or 24°39'04"N</source>
        <translation>24.6512 或 24°39'04"N</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="112" />
        <source>L&amp;ongitude:</source>
        <translation>经度(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="122" />
        <source>108.3301 or 108°19'48"E</source>
        <translation>108.3301 或 108°19'48"E</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="140" />
        <source>Use &amp;GPS position</source>
        <translation>使用GPS定位(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="147" />
        <source>D&amp;escription:</source>
        <translation>说明(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="157" />
        <source>what is here, access, landmarks</source>
        <translation>现场情况、到达路线、地标</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/point_dialog.py" line="59" />
        <source>No GPS fix yet: check the receiver has a clear sky.</source>
        <translation>GPS尚未定位：请确认接收机上方无遮挡。</translation>
    </message>
</context>
<context>
    <name>SampleDialog</name>
    <message>
        <location filename="../../forms/sample_dialog.ui" line="14" />
        <source>Sample</source>
        <translation>样品</translation>
    </message>
    <message>
        <location filename="../../forms/sample_dialog.ui" line="23" />
        <source>Sample &amp;code:</source>
        <translation>样品编号(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../forms/sample_dialog.ui" line="33" />
        <source>generated automatically</source>
        <translation>自动生成</translation>
    </message>
    <message>
        <location filename="../../forms/sample_dialog.ui" line="40" />
        <source>&amp;Matrix:</source>
        <translation>样品类型(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../forms/sample_dialog.ui" line="54" />
        <source>Collected &amp;at:</source>
        <translation>采样时间(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../forms/sample_dialog.ui" line="74" />
        <source>Collected &amp;by:</source>
        <translation>采样人(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../../forms/sample_dialog.ui" line="88" />
        <source>&amp;Depth (m):</source>
        <translation>采样深度 m(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../forms/sample_dialog.ui" line="98" />
        <source>optional, e.g. 0.5</source>
        <translation>可不填，例如 0.5</translation>
    </message>
    <message>
        <location filename="../../forms/sample_dialog.ui" line="105" />
        <source>C&amp;ontainer:</source>
        <translation>容器(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../forms/sample_dialog.ui" line="122" />
        <source>&amp;Preservative:</source>
        <translation>保存剂(&amp;P)：</translation>
    </message>
</context>
</TS>